package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.TaskHandle;
import java.util.function.Consumer;

/**
 * Background work that must succeed before the wizard leaves a step forward (Next or Finish), such as writing the
 * file the step showed. The frame shows its progress and cancel like an enter action's; the step stays when it fails.
 */
@FunctionalInterface
public interface LeaveAction {

    /** @param done called once on the UI thread: {@code true} moves on, {@code false} stays on the step */
    TaskHandle start(BackgroundTask.ProgressListener progress, Consumer<Boolean> done);
}
