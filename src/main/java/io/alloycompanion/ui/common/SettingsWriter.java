package io.alloycompanion.ui.common;

import io.alloycompanion.core.platform.ThreadPools;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.core.settings.SettingsStore;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Saves settings changes off the UI thread, one after another in the order they were made. */
public final class SettingsWriter {

    private final SettingsStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(ThreadPools.daemonThreads("settings-writer"));
    private final Consumer<Throwable> onError;

    public SettingsWriter(SettingsStore store, Consumer<Throwable> onError) {
        this.store = store;
        this.onError = onError;
    }

    public Settings current() {
        return store.current();
    }

    public void update(UnaryOperator<Settings> change) {
        writer.execute(() -> {
            try {
                store.update(change);
            } catch (IOException e) {
                onError.accept(new IOException("Could not save settings to " + store.file() + ": " + e.getMessage(), e));
            }
        });
    }

    /** Saves synchronously; for the last write when the app closes. */
    public void updateNow(UnaryOperator<Settings> change) throws IOException {
        store.update(change);
    }
}
