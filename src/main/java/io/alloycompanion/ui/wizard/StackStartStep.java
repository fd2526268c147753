package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskHandle;
import io.alloycompanion.ui.stack.StackViewModel;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;

/**
 * "Start the stack": brings the local stack up through the Stack screen's model (each service healthy before the
 * next), with its progress and message in the wizard's frame and Cancel there. Done once all five services answer
 * their health endpoints; when the start fails or is cancelled, the step says what to do and Try again runs it anew.
 */
public final class StackStartStep implements WizardStep {

    static final String ID = "stack-start";

    private final StackViewModel stack;
    private final Localization l10n;
    private final BooleanBinding healthy;
    private final BooleanBinding valid;
    private final StringProperty advice = new SimpleStringProperty("");

    public StackStartStep(StackViewModel stack, Localization l10n) {
        this.stack = stack;
        this.l10n = l10n;
        this.healthy = Bindings.createBooleanBinding(() -> stack.rows().size() == StackService.values().length
                && stack.rows().stream().allMatch(row -> row.health() == ServiceStatus.Health.HEALTHY), stack.rows());
        this.valid = healthy.and(stack.busyProperty().not());
        l10n.localeProperty().addListener((obs, old, locale) -> {
            if (!advice.get().isEmpty()) {
                advise();
            }
        });
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.stackStart.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_STACK_START_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    /** On entering (and on Try again): brings the stack up, or joins a start already under way. */
    @Override
    public Optional<StepAction> enterAction() {
        return Optional.of(this::up);
    }

    private TaskHandle up(BackgroundTask.ProgressListener progress, Runnable finished) {
        Start start = new Start(progress, finished);
        start.begin();
        return start;
    }

    /** One start of the stack, followed through the model's properties until it is no longer busy. */
    private final class Start implements TaskHandle {
        private final BackgroundTask.ProgressListener progress;
        private final Runnable finished;
        private final InvalidationListener report;
        private final ChangeListener<Boolean> idle = (obs, was, busy) -> {
            if (!busy) {
                end();
            }
        };
        private boolean done;

        Start(BackgroundTask.ProgressListener progress, Runnable finished) {
            this.progress = progress;
            this.finished = finished;
            this.report = obs -> progress.progress(stack.progressProperty().get(), stack.messageProperty().get());
        }

        void begin() {
            advice.set("");
            stack.progressProperty().addListener(report);
            stack.messageProperty().addListener(report);
            stack.busyProperty().addListener(idle);
            stack.up();
            if (!stack.busyProperty().get()) {
                // Nothing started (e.g. the folder has no stack): the model's message says why.
                end();
            }
        }

        private void end() {
            if (done) {
                return;
            }
            done = true;
            stack.progressProperty().removeListener(report);
            stack.messageProperty().removeListener(report);
            stack.busyProperty().removeListener(idle);
            if (!healthy.get()) {
                advise();
            }
            finished.run();
        }

        @Override
        public void cancel() {
            stack.cancel();
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    private void advise() {
        advice.set(l10n.get("wizard.stackStart.failed", stack.folderProperty().get()));
    }

    public StackViewModel stack() {
        return stack;
    }

    /** True while every service answers its health endpoint. */
    public BooleanBinding healthyProperty() {
        return healthy;
    }

    /** What to do after a start that failed or was cancelled; empty otherwise. */
    public ReadOnlyStringProperty adviceProperty() {
        return advice;
    }
}
