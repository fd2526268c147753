package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.ui.agent.AgentViewModel;
import io.alloycompanion.ui.common.FxmlView;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/**
 * "Start the agent": Alloy starts with the config just written and the profile's token, its log lines stream in, and
 * the step is done once Alloy answers ready (degraded counts: the checklist after it says what is wrong).
 */
public final class StartStep implements WizardStep {

    static final String ID = "start";

    private final AgentViewModel agent;
    private final LogBuffer logs;
    private final BooleanBinding running;

    public StartStep(AgentViewModel agent, LogBuffer logs) {
        this.agent = agent;
        this.logs = logs;
        // An Alloy started elsewhere (a service, a terminal) does not run the config just written: not done.
        this.running = Bindings.createBooleanBinding(() -> {
            AgentState state = agent.statusProperty().get().state();
            return (state == AgentState.READY || state == AgentState.DEGRADED) && !agent.statusProperty().get().attached();
        }, agent.statusProperty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.start.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_START_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return running;
    }

    /** Starts Alloy unless it already runs (or is being started), e.g. after Back and Next again. */
    @Override
    public void onEnter() {
        if (!agent.statusProperty().get().running() && !agent.busyProperty().get()) {
            agent.start();
        }
    }

    public AgentViewModel agent() {
        return agent;
    }

    public LogBuffer logs() {
        return logs;
    }
}
