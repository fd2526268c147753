package io.alloycompanion.ui.common;

import io.alloycompanion.core.platform.ThreadPools;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.core.settings.SettingsStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Saves settings changes off the UI thread, one after another in the order they were made. */
public final class SettingsWriter {

    private final SettingsStore store;
    private final ExecutorService writer = ThreadPools.sequential("settings-writer");
    private final Consumer<Throwable> onError;
    /** Set once the app's data is being removed: from then on nothing is written. */
    private volatile boolean stopped;

    public SettingsWriter(SettingsStore store, Consumer<Throwable> onError) {
        this.store = store;
        this.onError = onError;
    }

    public Settings current() {
        return store.current();
    }

    public void update(UnaryOperator<Settings> change) {
        if (stopped) {
            return;
        }
        writer.execute(() -> {
            if (stopped) {
                return;
            }
            try {
                store.update(change);
            } catch (IOException e) {
                onError.accept(new IOException("Could not save settings to " + store.file() + ": " + e.getMessage(), e));
            }
        });
    }

    /**
     * Queues a last change, then waits (at most {@code timeout}) for every queued write to reach the disk; for when
     * the app closes, so a change made just before is not lost with the daemon thread.
     */
    /**
     * Writes nothing more, once the write under way (if any) has finished, waiting at most {@code timeout}: for when
     * the app's data is being removed, so no settings file appears again after its folder is gone.
     */
    public void stopSaving(Duration timeout) throws InterruptedException {
        stopped = true;
        try {
            writer.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            // Already shut down, or a write that hangs: nothing queued after it writes anyway.
        }
    }

    public boolean updateAndFinish(UnaryOperator<Settings> change, Duration timeout) throws InterruptedException {
        update(change);
        writer.shutdown();
        return writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
