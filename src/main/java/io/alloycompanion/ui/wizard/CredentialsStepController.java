package io.alloycompanion.ui.wizard;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Shows the shared profile form, or for the local stack a note that no credentials are needed. */
public final class CredentialsStepController {

    private final CredentialsStep step;

    @FXML private Label intro;
    @FXML private Label localStackNote;
    @FXML private Node form;

    public CredentialsStepController(CredentialsStep step) {
        this.step = step;
    }

    @FXML
    private void initialize() {
        localStackNote.visibleProperty().bind(step.localStackProperty());
        localStackNote.managedProperty().bind(localStackNote.visibleProperty());
        form.visibleProperty().bind(step.localStackProperty().not());
        // The intro is about pasting a Grafana Cloud token: not for the local stack.
        intro.visibleProperty().bind(step.localStackProperty().not());
        intro.managedProperty().bind(intro.visibleProperty());
        form.managedProperty().bind(form.visibleProperty());
    }
}
