package io.alloycompanion.ui.wizard;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The checklist inside the wizard: the Checklist screen without its own heading (the wizard shows the title). */
public final class ChecklistStepController {

    @FXML private VBox checklist;

    @FXML
    private void initialize() {
        Node header = checklist.lookup("#checklist-header");
        if (header != null) {
            header.setVisible(false);
            header.setManaged(false);
        }
        checklist.getStyleClass().remove("screen");
    }
}
