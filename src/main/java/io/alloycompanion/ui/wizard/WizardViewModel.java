package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.ui.common.TaskHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The wizard frame's logic: which step is on screen, whether Back/Next/Finish are allowed, the running step
 * action's progress and cancellation, and saving the position after every move so a restart resumes there.
 */
public final class WizardViewModel {

    private final List<WizardStep> steps;
    private final Consumer<WizardState> persist;

    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObjectProperty<WizardStep> current = new SimpleObjectProperty<>();
    private final BooleanProperty currentValid = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty completed = new SimpleBooleanProperty();
    private Runnable onFinished = () -> { };
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressMessage = new SimpleStringProperty("");
    private final BooleanBinding canGoBack;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canFinish;
    private TaskHandle running;

    public WizardViewModel(List<WizardStep> steps, Consumer<WizardState> persist) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a wizard needs at least one step");
        }
        this.steps = List.copyOf(steps);
        this.persist = persist;
        BooleanBinding last = index.isEqualTo(this.steps.size() - 1);
        canGoBack = index.greaterThan(0).and(busy.not());
        canGoNext = last.not().and(currentValid).and(busy.not());
        canFinish = last.and(currentValid).and(busy.not());
    }

    /** Opens the wizard where the saved state left it (the first step when nothing was saved). */
    public void start(WizardState saved) {
        Map<String, Map<String, String>> perStep = new HashMap<>();
        saved.values().forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot > 0) {
                perStep.computeIfAbsent(key.substring(0, dot), id -> new HashMap<>()).put(key.substring(dot + 1), value);
            }
        });
        for (WizardStep step : steps) {
            step.restoreState(perStep.getOrDefault(step.id(), Map.of()));
        }
        int resumeAt = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(saved.currentStep())) {
                resumeAt = i;
            }
        }
        completed.set(saved.completed());
        if (saved.completed()) {
            // A finished wizard only shows where it ended: entering a step would start the agent or run the
            // checklist at every launch.
            show(resumeAt);
        } else {
            enter(resumeAt);
        }
    }

    public void next() {
        if (canGoNext.get()) {
            leaveForward(() -> move(index.get() + 1));
        }
    }

    public void back() {
        if (canGoBack.get()) {
            move(index.get() - 1);
        }
    }

    public void finish() {
        if (canFinish.get()) {
            leaveForward(() -> {
                current.get().onLeave();
                completed.set(true);
                save();
                onFinished.run();
            });
        }
    }

    /** What happens after Finish (the app shows the Agent screen). */
    public void onFinished(Runnable action) {
        onFinished = action;
    }

    /** Runs the step's leave action (if any) and moves on only when it succeeded and the step is still shown. */
    private void leaveForward(Runnable moveOn) {
        WizardStep leaving = current.get();
        Optional<LeaveAction> action = leaving.leaveForwardAction();
        if (action.isEmpty()) {
            moveOn.run();
            return;
        }
        busy.set(true);
        progress.set(-1);
        progressMessage.set("");
        running = action.get().start((fraction, message) -> {
            progress.set(fraction);
            progressMessage.set(message == null ? "" : message);
        }, succeeded -> {
            running = null;
            busy.set(false);
            if (succeeded && current.get() == leaving) {
                moveOn.run();
            }
        });
    }

    /** Back to the first step, keeping what the steps remember. */
    public void restart() {
        cancelAction();
        completed.set(false);
        move(0);
    }

    /** Runs the current step's action again, e.g. after the user fixed what it found. */
    public void rerunAction() {
        if (!busy.get()) {
            runEnterAction(current.get());
        }
    }

    public void cancelAction() {
        if (running != null) {
            running.cancel();
        }
    }

    private void move(int target) {
        cancelAction();
        current.get().onLeave();
        enter(target);
    }

    private void show(int target) {
        WizardStep step = steps.get(target);
        currentValid.unbind();
        currentValid.bind(Bindings.createBooleanBinding(() -> step.valid().get(), step.valid()));
        index.set(target);
        current.set(step);
    }

    private void enter(int target) {
        show(target);
        WizardStep step = steps.get(target);
        step.onEnter();
        save();
        runEnterAction(step);
    }

    private void runEnterAction(WizardStep step) {
        Optional<StepAction> action = step.enterAction();
        if (action.isEmpty()) {
            return;
        }
        busy.set(true);
        progress.set(-1);
        progressMessage.set("");
        running = action.get().start((fraction, message) -> {
            progress.set(fraction);
            progressMessage.set(message == null ? "" : message);
        }, () -> busy.set(false));
    }

    private void save() {
        Map<String, String> values = new HashMap<>();
        for (WizardStep step : steps) {
            step.saveState().forEach((key, value) -> values.put(step.id() + "." + key, value));
        }
        persist.accept(new WizardState(current.get().id(), values, completed.get()));
    }

    /** Saves now, e.g. when a step's values changed without a move. */
    public void saveState() {
        if (current.get() != null) {
            save();
        }
    }

    public List<WizardStep> steps() {
        return steps;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index;
    }

    public ReadOnlyObjectProperty<WizardStep> currentProperty() {
        return current;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canFinishProperty() {
        return canFinish;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty completedProperty() {
        return completed;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage;
    }
}
