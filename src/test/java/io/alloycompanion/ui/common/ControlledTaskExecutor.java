package io.alloycompanion.ui.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A task executor for view-model tests: tasks wait in a queue until the test runs them, on the test's own thread,
 * so progress, cancellation and results can be stepped through without a toolkit.
 */
public final class ControlledTaskExecutor implements TaskExecutor {

    private final Deque<Pending<?>> queue = new ArrayDeque<>();
    private final List<Throwable> unexpected = new ArrayList<>();

    private final class Pending<T> implements TaskHandle, BackgroundTask.Progress {
        private final BackgroundTask<T> task;
        private boolean cancelled;
        private boolean done;

        Pending(BackgroundTask<T> task) {
            this.task = task;
        }

        void run() {
            if (done) {
                return;
            }
            task.running();
            try {
                T value = task.work().call(this);
                if (!done) {
                    done = true;
                    task.succeeded(value);
                }
            } catch (Exception e) {
                if (!done) {
                    done = true;
                    if (cancelled) {
                        task.cancelled();
                    } else if (!task.failed(e)) {
                        unexpected.add(e);
                    }
                }
            }
        }

        @Override
        public void update(double fraction, String message) {
            task.progress(fraction, message);
        }

        @Override
        public void log(String line) {
            task.log(line);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void cancel() {
            if (!done) {
                cancelled = true;
                done = true;
                queue.remove(this);
                task.cancelled();
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Pending<T> pending = new Pending<>(task);
        queue.add(pending);
        return pending;
    }

    /** Runs every queued task (and any they queue) to completion. */
    public void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    public int pending() {
        return queue.size();
    }

    public List<Throwable> unexpected() {
        return unexpected;
    }
}
