package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import org.junit.jupiter.api.Test;

class WizardViewModelTest {

    /** A step whose validity the test controls, which records enter/leave and can carry a background action. */
    static final class TestStep implements WizardStep {
        final String id;
        final BooleanProperty valid = new SimpleBooleanProperty(true);
        final StringProperty value = new SimpleStringProperty();
        final List<String> events;
        final ControlledTaskExecutor executor;
        BackgroundTask.Work<String> action;

        TestStep(String id, List<String> events, ControlledTaskExecutor executor) {
            this.id = id;
            this.events = events;
            this.executor = executor;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String titleKey() {
            return "test." + id;
        }

        @Override
        public FxmlView view() {
            return FxmlView.WIZARD_MODE_STEP;
        }

        @Override
        public ObservableBooleanValue valid() {
            return valid;
        }

        @Override
        public void onEnter() {
            events.add("enter " + id);
        }

        @Override
        public void onLeave() {
            events.add("leave " + id);
        }

        @Override
        public Optional<StepAction> enterAction() {
            return Optional.ofNullable(action).map(work -> (progress, finished) -> BackgroundTask.of(work)
                    .onSuccess(events::add).onProgress(progress).onFinished(finished).executeWith(executor));
        }

        @Override
        public Map<String, String> saveState() {
            return value.get() == null ? Map.of() : Map.of("value", value.get());
        }

        @Override
        public void restoreState(Map<String, String> values) {
            value.set(values.get("value"));
        }
    }

    private final List<String> events = new ArrayList<>();
    private final List<WizardState> saved = new ArrayList<>();
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final TestStep first = new TestStep("first", events, executor);
    private final TestStep second = new TestStep("second", events, executor);
    private final TestStep third = new TestStep("third", events, executor);
    private final WizardViewModel wizard = new WizardViewModel(List.of(first, second, third), saved::add);

    @Test
    void nextIsGatedByTheCurrentStepsValidity() {
        first.valid.set(false);
        wizard.start(WizardState.NOT_STARTED);

        assertThat(wizard.canGoNextProperty().get()).isFalse();
        assertThat(wizard.canGoBackProperty().get()).isFalse();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isSameAs(first);

        first.valid.set(true);
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isSameAs(second);
        assertThat(wizard.canGoBackProperty().get()).isTrue();
        assertThat(events).containsExactly("enter first", "leave first", "enter second");
    }

    @Test
    void finishOnlyOnTheLastValidStepAndItIsRemembered() {
        wizard.start(WizardState.NOT_STARTED);
        assertThat(wizard.canFinishProperty().get()).isFalse();
        wizard.next();
        wizard.next();
        third.valid.set(false);
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        assertThat(wizard.canFinishProperty().get()).isFalse();
        third.valid.set(true);
        assertThat(wizard.canFinishProperty().get()).isTrue();

        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        wizard.onFinished(finished::incrementAndGet);
        wizard.finish();

        assertThat(wizard.completedProperty().get()).isTrue();
        assertThat(saved.get(saved.size() - 1)).isEqualTo(new WizardState("third", Map.of(), true));
        assertThat(finished.get()).as("the app is told, once").isEqualTo(1);
    }

    @Test
    void everyMoveIsSavedAndARestartResumesThereWithTheStepsValues() {
        wizard.start(WizardState.NOT_STARTED);
        first.value.set("cloud");
        wizard.next();
        assertThat(saved.get(saved.size() - 1)).isEqualTo(new WizardState("second", Map.of("first.value", "cloud"), false));

        List<String> otherEvents = new ArrayList<>();
        TestStep reopenedFirst = new TestStep("first", otherEvents, executor);
        TestStep reopenedSecond = new TestStep("second", otherEvents, executor);
        var reopened = new WizardViewModel(List.of(reopenedFirst, reopenedSecond), state -> { });
        reopened.start(saved.get(saved.size() - 1));

        assertThat(reopened.currentProperty().get()).isSameAs(reopenedSecond);
        assertThat(reopenedFirst.value.get()).isEqualTo("cloud");
    }

    @Test
    void anUnknownSavedStepStartsAtTheBeginning() {
        wizard.start(new WizardState("removed-in-a-later-version", Map.of(), false));
        assertThat(wizard.indexProperty().get()).isZero();
    }

    @Test
    void theEnterActionRunsInTheBackgroundWithProgressAndBlocksNavigationWhileRunning() {
        second.action = progress -> {
            progress.update(0.5, "half way");
            assertThat(wizard.progressProperty().get()).isEqualTo(0.5);
            assertThat(wizard.progressMessageProperty().get()).isEqualTo("half way");
            return "action done";
        };
        wizard.start(WizardState.NOT_STARTED);
        wizard.next();

        assertThat(wizard.busyProperty().get()).isTrue();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        assertThat(wizard.canGoBackProperty().get()).isFalse();

        executor.runAll();

        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        assertThat(events).contains("action done");
    }

    @Test
    void cancellingTheActionUnblocksTheWizard() {
        second.action = progress -> "never";
        wizard.start(WizardState.NOT_STARTED);
        wizard.next();
        assertThat(wizard.busyProperty().get()).isTrue();

        wizard.cancelAction();

        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(executor.pending()).isZero();
        assertThat(events).doesNotContain("never");
        wizard.back();
        assertThat(wizard.currentProperty().get()).isSameAs(first);
    }

    @Test
    void rerunStartsTheActionAgain() {
        List<Integer> runs = new ArrayList<>();
        second.action = progress -> {
            runs.add(runs.size() + 1);
            return "run";
        };
        wizard.start(new WizardState("second", Map.of(), false));
        executor.runAll();
        wizard.rerunAction();
        executor.runAll();
        assertThat(runs).containsExactly(1, 2);
    }

    @Test
    void aFinishedWizardOpensWhereItEndedWithoutEnteringTheStepAgain() {
        java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        WizardStep last = new WizardStep() {
            @Override
            public String id() {
                return "last";
            }

            @Override
            public String titleKey() {
                return "wizard.checklist.title";
            }

            @Override
            public io.alloycompanion.ui.common.FxmlView view() {
                return io.alloycompanion.ui.common.FxmlView.WIZARD_CHECKLIST_STEP;
            }

            @Override
            public javafx.beans.value.ObservableBooleanValue valid() {
                return new javafx.beans.property.SimpleBooleanProperty(true);
            }

            @Override
            public void onEnter() {
                entered.incrementAndGet();
            }
        };
        WizardViewModel finished = new WizardViewModel(List.of(last), state -> { });
        finished.start(new WizardState("last", Map.of(), true));
        assertThat(finished.currentProperty().get().id()).isEqualTo("last");
        assertThat(entered.get()).as("the agent is not started, the checklist not run, at launch").isZero();

        WizardViewModel unfinished = new WizardViewModel(List.of(last), state -> { });
        unfinished.start(new WizardState("last", Map.of(), false));
        assertThat(entered.get()).as("resuming an unfinished wizard enters its step").isEqualTo(1);
    }
}
