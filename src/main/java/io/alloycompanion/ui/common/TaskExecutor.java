package io.alloycompanion.ui.common;

/** Runs {@link BackgroundTask}s off the UI thread and delivers their results back onto it. */
public interface TaskExecutor {

    <T> TaskHandle execute(BackgroundTask<T> task);
}
