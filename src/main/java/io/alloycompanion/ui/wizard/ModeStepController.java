package io.alloycompanion.ui.wizard;

import javafx.fxml.FXML;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;

public final class ModeStepController {

    private final ModeStep step;
    private final WizardViewModel wizard;

    @FXML private ToggleGroup modeGroup;
    @FXML private RadioButton cloudOption;
    @FXML private RadioButton stackOption;

    public ModeStepController(ModeStep step, WizardViewModel wizard) {
        this.step = step;
        this.wizard = wizard;
    }

    @FXML
    private void initialize() {
        cloudOption.setUserData(SetupMode.GRAFANA_CLOUD);
        stackOption.setUserData(SetupMode.LOCAL_STACK);
        select(step.modeProperty().get());
        step.modeProperty().addListener((obs, old, mode) -> select(mode));
        modeGroup.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle != null && toggle.getUserData() != step.modeProperty().get()) {
                step.modeProperty().set((SetupMode) toggle.getUserData());
                wizard.saveState();
            }
        });
    }

    private void select(SetupMode mode) {
        modeGroup.selectToggle(mode == SetupMode.GRAFANA_CLOUD ? cloudOption : mode == SetupMode.LOCAL_STACK ? stackOption : null);
    }
}
