package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.environment.EnvironmentRow;
import io.alloycompanion.ui.environment.EnvironmentRowCell;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;

public final class EnvironmentStepController {

    private final EnvironmentStep step;
    private final WizardViewModel wizard;

    @FXML private ListView<EnvironmentRow> rows;
    @FXML private Label dockerHint;
    @FXML private Label status;
    @FXML private Button rerunButton;

    public EnvironmentStepController(EnvironmentStep step, WizardViewModel wizard) {
        this.step = step;
        this.wizard = wizard;
    }

    @FXML
    private void initialize() {
        rows.setItems(step.environment().rows());
        rows.setCellFactory(list -> new EnvironmentRowCell());
        dockerHint.visibleProperty().bind(Bindings.createBooleanBinding(() -> step.dockerMissingForStack().get(),
                step.dockerMissingForStack()));
        dockerHint.managedProperty().bind(dockerHint.visibleProperty());
        status.textProperty().bind(step.environment().statusProperty());
        rerunButton.disableProperty().bind(wizard.busyProperty());
    }

    @FXML
    private void rerun() {
        wizard.rerunAction();
    }
}
