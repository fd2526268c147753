package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.DisposableController;
import javafx.fxml.FXML;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.util.Subscription;

public final class ModeStepController implements DisposableController {

    private final ModeStep step;
    private final WizardViewModel wizard;
    private Subscription subscription = Subscription.EMPTY;

    @FXML private ToggleGroup modeGroup;
    @FXML private RadioButton cloudOption;
    @FXML private RadioButton stackOption;
    @FXML private RadioButton bothOption;

    public ModeStepController(ModeStep step, WizardViewModel wizard) {
        this.step = step;
        this.wizard = wizard;
    }

    @FXML
    private void initialize() {
        cloudOption.setUserData(SetupMode.GRAFANA_CLOUD);
        stackOption.setUserData(SetupMode.LOCAL_STACK);
        bothOption.setUserData(SetupMode.BOTH);
        subscription = step.modeProperty().subscribe(this::select);
        modeGroup.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle != null && toggle.getUserData() != step.modeProperty().get()) {
                step.modeProperty().set((SetupMode) toggle.getUserData());
                wizard.saveState();
            }
        });
    }

    @Override
    public void dispose() {
        subscription.unsubscribe();
    }

    private void select(SetupMode mode) {
        modeGroup.selectToggle(mode == null ? null : switch (mode) {
            case GRAFANA_CLOUD -> cloudOption;
            case LOCAL_STACK -> stackOption;
            case BOTH -> bothOption;
        });
    }
}
