package io.alloycompanion.ui.common;

import io.alloycompanion.core.platform.ThreadPools;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/** Runs background tasks as {@link javafx.concurrent.Task}s on the app's background pool. */
public final class FxTaskExecutor implements TaskExecutor {

    private final ExecutorService pool = ThreadPools.cached("background");
    private final Consumer<Throwable> unexpected;

    /** @param unexpected where failures go that the task did not handle itself (the error dialog) */
    public FxTaskExecutor(Consumer<Throwable> unexpected) {
        this.unexpected = unexpected;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        ProgressReportingTask<T> fxTask = new ProgressReportingTask<>(task);
        fxTask.progressProperty().addListener((obs, old, value) -> task.progress(value.doubleValue(), fxTask.getMessage()));
        fxTask.messageProperty().addListener((obs, old, value) -> task.progress(fxTask.getProgress(), value));
        fxTask.setOnRunning(event -> task.running());
        fxTask.setOnSucceeded(event -> task.succeeded(fxTask.getValue()));
        fxTask.setOnCancelled(event -> task.cancelled());
        fxTask.setOnFailed(event -> {
            Throwable error = fxTask.getException();
            if (!task.failed(error)) {
                unexpected.accept(error);
            }
        });
        pool.execute(fxTask);
        return new TaskHandle() {
            @Override
            public void cancel() {
                fxTask.cancel(true);
            }

            @Override
            public boolean isDone() {
                return fxTask.isDone();
            }
        };
    }

    /** A JavaFX task that is also the {@link BackgroundTask.Progress} its work reports to. */
    private static final class ProgressReportingTask<T> extends Task<T> implements BackgroundTask.Progress {
        private final BackgroundTask<T> task;

        ProgressReportingTask(BackgroundTask<T> task) {
            this.task = task;
        }

        @Override
        protected T call() throws Exception {
            return task.work().call(this);
        }

        @Override
        public void log(String line) {
            Platform.runLater(() -> task.log(line));
        }

        @Override
        public void update(double fraction, String message) {
            updateProgress(fraction < 0 ? -1 : fraction, fraction < 0 ? -1 : 1);
            updateMessage(message);
        }
    }
}
