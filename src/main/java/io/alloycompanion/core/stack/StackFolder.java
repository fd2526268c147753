package io.alloycompanion.core.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.difflib.DiffUtils;
import io.alloycompanion.core.config.ConfigFiles;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack folder the user owns. Generating into it again merges: a file the user never touched is replaced, a file
 * the user edited gets the generator's new changes applied around the edits (a three-way merge against the copy
 * generated last time, kept in {@code .alloy-companion/generated/}), and when the two touch the same lines the
 * user's file stays as it is and the new version is written beside it as {@code <file>.generated}.
 */
public final class StackFolder {

    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            // A hand-edited file may name services in lower case, as everywhere else.
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            // No "cloud": null for a stack that keeps everything locally.
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT).build()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What happened, or would happen, to one file. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, KEPT_EDITS, MERGED, CONFLICT
    }

    /**
     * @param diff the unified diff from the file on disk to what is (or would be) written; for a conflict, to the
     *             new generated version written beside it
     */
    public record FileChange(String path, Outcome outcome, List<String> diff) {
        public FileChange {
            diff = List.copyOf(diff);
        }
    }

    public record Report(Path dir, StackSettings settings, List<FileChange> files, boolean written) {
        public Report {
            files = List.copyOf(files);
        }

        public List<FileChange> conflicts() {
            return files.stream().filter(file -> file.outcome() == Outcome.CONFLICT).toList();
        }
    }

    private final Path dir;

    public StackFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public boolean initialised() {
        return Files.isRegularFile(StackLayout.settingsFile(dir));
    }

    /** The folder's settings; empty when it has none yet (not initialised). */
    public Optional<StackSettings> readSettings() throws IOException {
        Path file = StackLayout.settingsFile(dir);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), StackSettings.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            // The settings' own checks refused a value (a port out of range, a project name Docker would refuse).
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new IOException("Cannot read " + file + ": " + why
                    + ". Fix it by hand or delete the file to start from the defaults.", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("Cannot read " + file + ": not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage() + ". Fix it by hand or delete the file to start from the defaults.", e);
        }
    }

    /** What generating with these settings would change, without writing anything. */
    public Report plan(StackSettings settings) throws IOException {
        return apply(settings, false);
    }

    /** Writes the settings and every generated file (atomically, merging with the user's edits). */
    public Report write(StackSettings settings) throws IOException {
        return apply(settings, true);
    }

    private Report apply(StackSettings settings, boolean write) throws IOException {
        List<FileChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> entry : StackFiles.generate(settings).entrySet()) {
            changes.add(file(entry.getKey(), entry.getValue(), write));
        }
        if (write) {
            AtomicFiles.write(StackLayout.settingsFile(dir), JSON.writeValueAsBytes(settings));
        }
        return new Report(dir, settings, changes, write);
    }

    private FileChange file(String path, String next, boolean write) throws IOException {
        Path target = dir.resolve(path);
        Path base = dir.resolve(StackLayout.GENERATED_DIR).resolve(path);
        Optional<String> current = read(target);
        Optional<String> previous = read(base);
        if (current.isEmpty()) {
            if (write) {
                put(target, next);
                put(base, next);
            }
            return new FileChange(path, Outcome.CREATED, ConfigFiles.diff(path, "", next));
        }
        String onDisk = current.get();
        if (onDisk.equals(next)) {
            if (write) {
                put(base, next);
            }
            return new FileChange(path, Outcome.UNCHANGED, List.of());
        }
        if (previous.isPresent() && onDisk.equals(previous.get())) {
            if (write) {
                put(target, next);
                put(base, next);
            }
            return new FileChange(path, Outcome.UPDATED, ConfigFiles.diff(path, onDisk, next));
        }
        if (previous.isPresent() && previous.get().equals(next)) {
            // Only the user changed it since it was generated: nothing new to bring in.
            return new FileChange(path, Outcome.KEPT_EDITS, List.of());
        }
        Optional<String> merged = previous.flatMap(old -> merge(path, old, onDisk, next));
        if (merged.isPresent()) {
            if (write) {
                AtomicFiles.writeWithBackup(target, merged.get().getBytes(StandardCharsets.UTF_8));
                put(base, next);
            }
            return new FileChange(path, Outcome.MERGED, ConfigFiles.diff(path, onDisk, merged.get()));
        }
        // A file the app did not write, or edits on the lines the generator changed: the user's file wins.
        if (write) {
            put(dir.resolve(path + ".generated"), next);
        }
        return new FileChange(path, Outcome.CONFLICT, ConfigFiles.diff(path, onDisk, next));
    }

    /**
     * A three-way merge: the user's edits (base → mine) and the generator's changes (base → theirs), both placed by
     * their position in the base, applied together. Empty when an edit of one overlaps or touches a change of the
     * other (the user decides then), or when the result no longer parses.
     */
    static Optional<String> merge(String path, String base, String mine, String theirs) {
        List<String> baseLines = lines(base);
        List<Change> edits = changes(baseLines, lines(mine));
        List<Change> updates = changes(baseLines, lines(theirs));
        for (Change edit : edits) {
            for (Change update : updates) {
                // Closed intervals, so edits that only touch (or insert at the edge of) a change also count.
                if (edit.from() <= update.to() && update.from() <= edit.to()) {
                    return Optional.empty();
                }
            }
        }
        List<Change> all = new ArrayList<>(edits);
        all.addAll(updates);
        all.sort(java.util.Comparator.comparingInt(Change::from));
        List<String> merged = new ArrayList<>();
        int at = 0;
        for (Change change : all) {
            merged.addAll(baseLines.subList(at, change.from()));
            merged.addAll(change.lines());
            at = change.to();
        }
        merged.addAll(baseLines.subList(at, baseLines.size()));
        String text = String.join("\n", merged);
        return parses(path, text) ? Optional.of(text) : Optional.empty();
    }

    /** Base lines {@code [from, to)} replaced by {@code lines}; an insertion has {@code from == to}. */
    private record Change(int from, int to, List<String> lines) {
    }

    private static List<Change> changes(List<String> base, List<String> revised) {
        List<Change> changes = new ArrayList<>();
        for (var delta : DiffUtils.diff(base, revised).getDeltas()) {
            int from = delta.getSource().getPosition();
            changes.add(new Change(from, from + delta.getSource().size(), List.copyOf(delta.getTarget().getLines())));
        }
        return changes;
    }

    /** Whether a merged file still reads as what it is: YAML, JSON or Alloy's syntax. */
    private static boolean parses(String path, String text) {
        try {
            if (path.endsWith(".yaml") || path.endsWith(".yml")) {
                StackFiles.readYaml(text);
            } else if (path.endsWith(".json")) {
                JSON.readTree(text);
            } else if (path.endsWith(".alloy")) {
                return io.alloycompanion.core.config.Formatter.format(path, text) instanceof io.alloycompanion.core.config.Formatter.Formatted;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> lines(String text) {
        // -1 keeps the empty string after a final newline, so joining gives the same ending back.
        return Arrays.asList(text.split("\n", -1));
    }

    private static Optional<String> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void put(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
