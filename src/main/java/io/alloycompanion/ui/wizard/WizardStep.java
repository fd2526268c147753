package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.FxmlView;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableBooleanValue;

/**
 * One step of the setup wizard. The frame shows its title and view, enables Next only while {@link #valid()} is
 * true, and runs its background action (with progress and cancel) each time the step is entered.
 */
public interface WizardStep {

    /** Stable id, stored in the settings to resume here; never shown. */
    String id();

    /** Bundle key of the step's title. */
    String titleKey();

    FxmlView view();

    ObservableBooleanValue valid();

    default void onEnter() {
    }

    default void onLeave() {
    }

    /** Work to run in the background when the step is entered, e.g. a check whose result makes the step valid. */
    default Optional<StepAction> enterAction() {
        return Optional.empty();
    }

    /**
     * Work to finish before Next or Finish leaves this step, e.g. writing a file; the step stays if it fails. Back
     * never runs it.
     */
    default Optional<LeaveAction> leaveForwardAction() {
        return Optional.empty();
    }

    /** Values to remember across restarts; plain strings, never secrets. */
    default Map<String, String> saveState() {
        return Map.of();
    }

    default void restoreState(Map<String, String> values) {
    }
}
