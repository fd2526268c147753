package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.FxmlView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/**
 * One place in the wizard that is a different step for each setup mode: the Grafana Cloud step (which sets up Alloy
 * on this computer) or the local stack's (which sets up the stack folder and its containers). Everything is passed
 * to the step of the mode chosen on the first page; the mode only changes there, so a step entered is also the one
 * left. Its id is the Grafana Cloud step's, so a saved position resumes here in either mode.
 */
public final class ModeSwitchedStep implements WizardStep {

    private static final String STACK_PREFIX = "stack.";

    private final ModeStep mode;
    private final WizardStep cloud;
    private final WizardStep stack;
    private final BooleanBinding valid;

    public ModeSwitchedStep(ModeStep mode, WizardStep cloud, WizardStep stack) {
        this.mode = mode;
        this.cloud = cloud;
        this.stack = stack;
        this.valid = Bindings.createBooleanBinding(() -> current().valid().get(), mode.localStack(), cloud.valid(),
                stack.valid());
    }

    /** The step of the mode chosen now. */
    public WizardStep current() {
        return mode.localStack().get() ? stack : cloud;
    }

    @Override
    public String id() {
        return cloud.id();
    }

    @Override
    public String titleKey() {
        return current().titleKey();
    }

    @Override
    public FxmlView view() {
        return current().view();
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    @Override
    public void onEnter() {
        current().onEnter();
    }

    @Override
    public void onLeave() {
        current().onLeave();
    }

    @Override
    public Optional<StepAction> enterAction() {
        return current().enterAction();
    }

    @Override
    public Optional<LeaveAction> leaveForwardAction() {
        return current().leaveForwardAction();
    }

    /** Both steps' values: the Grafana Cloud step's as they were, the local stack step's prefixed. */
    @Override
    public Map<String, String> saveState() {
        Map<String, String> values = new HashMap<>(cloud.saveState());
        stack.saveState().forEach((key, value) -> values.put(STACK_PREFIX + key, value));
        return values;
    }

    @Override
    public void restoreState(Map<String, String> values) {
        Map<String, String> cloudValues = new HashMap<>();
        Map<String, String> stackValues = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(STACK_PREFIX)) {
                stackValues.put(key.substring(STACK_PREFIX.length()), value);
            } else {
                cloudValues.put(key, value);
            }
        });
        cloud.restoreState(cloudValues);
        stack.restoreState(stackValues);
    }
}
