package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.TaskHandle;

/**
 * Background work a wizard step runs when it is entered. The step may start new work or join work already running
 * (the same machine check started elsewhere); either way the frame hears its progress and its end, on the UI
 * thread, and can cancel it through the handle.
 */
@FunctionalInterface
public interface StepAction {

    TaskHandle start(BackgroundTask.ProgressListener progress, Runnable finished);
}
