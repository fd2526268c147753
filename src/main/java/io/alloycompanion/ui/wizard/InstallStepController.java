package io.alloycompanion.ui.wizard;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

public final class InstallStepController {

    private final InstallStep step;
    private final WizardViewModel wizard;

    @FXML private Label message;
    @FXML private Label folder;
    @FXML private TextField version;
    @FXML private TextField mirror;
    @FXML private Button installButton;
    @FXML private Button cancelButton;
    @FXML private HBox progressRow;
    @FXML private ProgressBar progress;
    @FXML private Label progressText;
    @FXML private ListView<String> log;

    public InstallStepController(InstallStep step, WizardViewModel wizard) {
        this.step = step;
        this.wizard = wizard;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(step.messageProperty());
        folder.setText(step.installDir().toString());
        version.textProperty().bindBidirectional(step.versionProperty());
        mirror.textProperty().bindBidirectional(step.mirrorProperty());
        version.disableProperty().bind(step.installingProperty());
        mirror.disableProperty().bind(step.installingProperty());
        installButton.disableProperty().bind(step.installingProperty().or(wizard.busyProperty()));
        cancelButton.visibleProperty().bind(step.installingProperty());
        cancelButton.managedProperty().bind(step.installingProperty());
        progressRow.visibleProperty().bind(step.installingProperty().or(step.progressProperty().isEqualTo(1.0, 1e-9)));
        progress.progressProperty().bind(step.progressProperty());
        progressText.textProperty().bind(step.progressTextProperty());
        log.setItems(step.log());
        version.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                wizard.saveState();
            }
        });
        mirror.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                wizard.saveState();
            }
        });
    }

    @FXML
    private void install() {
        wizard.saveState();
        step.install();
    }

    @FXML
    private void cancel() {
        step.cancel();
    }
}
