package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.environment.EnvironmentViewModel;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Checks this computer. Valid once a check finished; the local stack additionally needs a Docker engine, so in that
 * mode the step stays invalid (with the reason shown) until Docker answers.
 */
public final class EnvironmentStep implements WizardStep {

    static final String ID = "environment";

    private final EnvironmentViewModel environment;
    private final BooleanBinding dockerMissingForStack;
    private final BooleanBinding valid;

    public EnvironmentStep(EnvironmentViewModel environment, ModeStep mode) {
        this.environment = environment;
        this.dockerMissingForStack = Bindings.createBooleanBinding(() -> {
            DoctorReport report = environment.reportProperty().get();
            return report != null && mode.localStack().get() && !report.docker().reachable();
        }, environment.reportProperty(), mode.modeProperty());
        this.valid = environment.reportProperty().isNotNull().and(dockerMissingForStack.not());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.environment.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_ENVIRONMENT_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    @Override
    public Optional<StepAction> enterAction() {
        return Optional.of(environment::check);
    }

    public EnvironmentViewModel environment() {
        return environment;
    }

    public ObservableBooleanValue dockerMissingForStack() {
        return dockerMissingForStack;
    }
}
