package io.alloycompanion.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work for a background thread, with its handlers, built fluently:
 * <pre>
 * BackgroundTask.of(progress -> doctor.run(...))
 *     .onSuccess(report::set)
 *     .onFailure(IOException.class, e -> error.set(...))
 *     .executeWith(executor);
 * </pre>
 * Handlers run on the UI thread and add up: registering a second handler of a kind keeps the first, so a view
 * model and the frame that shows its progress can both listen. A failure no typed handler claims goes to the
 * app's error dialog. The task does
 * not depend on the toolkit, so view models that build tasks are tested with an executor that runs them at once.
 */
public final class BackgroundTask<T> {

    /** The work itself; it reports progress and checks for cancellation through {@link Progress}. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** Reports progress from the worker thread and tells it whether the user cancelled. */
    public interface Progress {
        /**
         * The latest state; rapid updates may be merged, only the last one is sure to be seen.
         *
         * @param fraction 0..1, or negative for "unknown"
         */
        void update(double fraction, String message);

        /** A line for a log the user sees: every line arrives, in order (unlike {@link #update}). */
        void log(String line);

        boolean isCancelled();
    }

    /** Receives progress on the UI thread. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double fraction, String message);
    }

    private record TypedHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        boolean handle(Throwable error) {
            if (type.isInstance(error)) {
                handler.accept(type.cast(error));
                return true;
            }
            return false;
        }
    }

    private final Work<T> work;
    private final List<TypedHandler<?>> failureHandlers = new ArrayList<>();
    private Runnable onRunning = () -> { };
    private Consumer<? super T> onSuccess = value -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };
    private ProgressListener onProgress = (fraction, message) -> { };
    private Consumer<String> onLog = line -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public BackgroundTask<T> onRunning(Runnable handler) {
        Runnable previous = onRunning;
        this.onRunning = () -> {
            previous.run();
            handler.run();
        };
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        Consumer<? super T> previous = onSuccess;
        this.onSuccess = value -> {
            previous.accept(value);
            handler.accept(value);
        };
        return this;
    }

    /** Handles failures of one type; the first registered handler whose type matches wins. */
    public <E extends Throwable> BackgroundTask<T> onFailure(Class<E> type, Consumer<? super E> handler) {
        failureHandlers.add(new TypedHandler<>(type, handler));
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable handler) {
        Runnable previous = onCancelled;
        this.onCancelled = () -> {
            previous.run();
            handler.run();
        };
        return this;
    }

    /** Runs after success, failure or cancellation alike. */
    public BackgroundTask<T> onFinished(Runnable handler) {
        Runnable previous = onFinished;
        this.onFinished = () -> {
            previous.run();
            handler.run();
        };
        return this;
    }

    public BackgroundTask<T> onProgress(ProgressListener listener) {
        ProgressListener previous = onProgress;
        this.onProgress = (fraction, message) -> {
            previous.progress(fraction, message);
            listener.progress(fraction, message);
        };
        return this;
    }

    /** Receives every {@link Progress#log} line, in order, on the UI thread. */
    public BackgroundTask<T> onLog(Consumer<String> handler) {
        Consumer<String> previous = onLog;
        this.onLog = line -> {
            previous.accept(line);
            handler.accept(line);
        };
        return this;
    }

    public TaskHandle executeWith(TaskExecutor executor) {
        return executor.execute(this);
    }

    // Called by executors.

    Work<T> work() {
        return work;
    }

    void running() {
        onRunning.run();
    }

    void progress(double fraction, String message) {
        onProgress.progress(fraction, message);
    }

    void log(String line) {
        onLog.accept(line);
    }

    void succeeded(T value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    /** @return whether a typed handler took the failure; if not, the executor reports it as unexpected */
    boolean failed(Throwable error) {
        try {
            for (TypedHandler<?> handler : failureHandlers) {
                if (handler.handle(error)) {
                    return true;
                }
            }
            return false;
        } finally {
            onFinished.run();
        }
    }

    void cancelled() {
        try {
            onCancelled.run();
        } finally {
            onFinished.run();
        }
    }
}
