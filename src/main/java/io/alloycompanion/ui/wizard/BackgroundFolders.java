package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.stack.HostSourcesText;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Answers "is this a folder?" for the lines a user types without touching the disk on the UI thread: what is not
 * known yet (or was found more than {@link #FRESH_MILLIS} ago) is checked on a background thread, in one batch per
 * {@link #flush()}, and {@code changed} runs on the UI thread when answers arrive so the lines are checked again. A
 * stale answer is used meanwhile, so a folder created after an error shows as found at the next edit or check.
 * UI thread only.
 */
final class BackgroundFolders implements HostSourcesText.Folders {

    static final long FRESH_MILLIS = 2_000;

    private record Answer(boolean directory, long at) {
    }

    private final TaskExecutor executor;
    private final Runnable changed;
    private final LongSupplier clock;
    private final Map<Path, Answer> known = new HashMap<>();
    private final Set<Path> wanted = new LinkedHashSet<>();
    private boolean checking;

    BackgroundFolders(TaskExecutor executor, Runnable changed) {
        this(executor, changed, System::currentTimeMillis);
    }

    BackgroundFolders(TaskExecutor executor, Runnable changed, LongSupplier clock) {
        this.executor = executor;
        this.changed = changed;
        this.clock = clock;
    }

    @Override
    public Optional<Boolean> isDirectory(Path path) {
        Answer answer = known.get(path);
        if (answer == null || clock.getAsLong() - answer.at() > FRESH_MILLIS) {
            wanted.add(path);
        }
        return answer == null ? Optional.empty() : Optional.of(answer.directory());
    }

    /** Starts checking what was asked since the last flush, unless a check runs (it flushes again when done). */
    void flush() {
        if (checking || wanted.isEmpty()) {
            return;
        }
        List<Path> batch = List.copyOf(wanted);
        wanted.clear();
        checking = true;
        BackgroundTask.of(progress -> {
            Map<Path, Boolean> found = new LinkedHashMap<>();
            batch.forEach(path -> found.put(path, Files.isDirectory(path)));
            return found;
        }).onSuccess(found -> {
            long now = clock.getAsLong();
            found.forEach((path, directory) -> known.put(path, new Answer(directory, now)));
            checking = false;
            changed.run();
            flush();
        }).onFailure(RuntimeException.class, e -> checking = false).executeWith(executor);
    }
}
