package io.alloycompanion.ui.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.core.platform.AtomicFiles;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Logs screen without controls. {@link #pull()} mirrors the session's {@link LogBuffer} into {@link #all()} in one
 * batch (new records at the tail, records the buffer pushed out removed from the head), so after every pull
 * {@code all().size() + dropped == written} holds exactly for the buffer's state at that pull. {@link #shown()} is
 * that list through the level, component and text/regex filters.
 *
 * <p>Pausing ("follow" off) never stops the mirroring: the buffer is bounded and keeps dropping its oldest lines
 * whatever the screen does, so a screen that stopped pulling would miss lines it could still have had. Paused, the
 * counts and the list keep up; only the view stays where the user is reading, and resuming jumps to the end.
 *
 * <p>Call everything on the UI thread; exports run in the background.
 */
public final class LogsViewModel {

    /** The file formats of an export. */
    public enum ExportFormat {
        /** The raw lines, as Alloy wrote them. */
        LOG("log"),
        /** One JSON object per line: ts, level, msg, component, path, fields, source. */
        JSONL("jsonl");

        private final String extension;

        ExportFormat(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** What one pull changed: records added at the tail and removed from the head of {@link #all()}. */
    public record Pulled(int added, int removed) {
        public boolean changed() {
            return added > 0 || removed > 0;
        }
    }

    /** The component choice that shows every component. */
    public static final String ALL_COMPONENTS = "";
    /** Seconds of lines-per-second history kept for the sparkline. */
    public static final int HISTORY_SECONDS = 60;

    private static final long SECOND = 1_000_000_000L;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogBuffer buffer;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final LongSupplier nanoClock;
    private final DateTimeFormatter clock;

    private final RecordWindow all = new RecordWindow();
    private final FilteredList<LogRecord> shown = new FilteredList<>(all);
    private final Map<LogLevel, BooleanProperty> levelShown = new EnumMap<>(LogLevel.class);
    private final Map<LogLevel, ReadOnlyLongWrapper> counts = new EnumMap<>(LogLevel.class);
    private final Set<String> componentsSeen = new HashSet<>();
    private final ObservableList<String> components = FXCollections.observableArrayList(ALL_COMPONENTS);
    private final ObjectProperty<String> component = new SimpleObjectProperty<>(ALL_COMPONENTS);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper searchError = new ReadOnlyStringWrapper("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ReadOnlyLongWrapper newWhilePaused = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper written = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper linesPerSecond = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<List<Long>> rateHistory = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final StringBinding statusText;
    private final StringBinding rateText;

    private long lastSeq;
    // Lines per second: the written count is sampled at every pull and interpolated at whole-second boundaries.
    private final ArrayDeque<Long> history = new ArrayDeque<>();
    private boolean sampled;
    private long sampleNanos;
    private long sampleWritten;
    private long boundaryNanos;
    private long writtenAtBoundary;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}), for the lines-per-second history
     * @param zone      the zone the time column is shown in
     */
    public LogsViewModel(LogBuffer buffer, TaskExecutor executor, Localization l10n, LongSupplier nanoClock, ZoneId zone) {
        this.buffer = buffer;
        this.executor = executor;
        this.l10n = l10n;
        this.nanoClock = nanoClock;
        this.clock = CLOCK.withZone(zone);
        for (LogLevel level : LogLevel.values()) {
            BooleanProperty on = new SimpleBooleanProperty(true);
            on.addListener((obs, old, value) -> refilter());
            levelShown.put(level, on);
            counts.put(level, new ReadOnlyLongWrapper());
        }
        component.addListener((obs, old, value) -> refilter());
        search.addListener((obs, old, value) -> refilter());
        regex.addListener((obs, old, value) -> refilter());
        // The explanation of a bad regular expression is in the user's language.
        l10n.localeProperty().addListener((obs, old, locale) -> {
            if (!searchError.get().isEmpty()) {
                refilter();
            }
        });
        follow.addListener((obs, old, on) -> {
            if (on) {
                newWhilePaused.set(0);
            }
        });
        statusText = Bindings.createStringBinding(() -> l10n.get("logs.status", shown.size(), dropped.get(), written.get()),
                shown, dropped, written, l10n.localeProperty());
        rateText = Bindings.createStringBinding(() -> l10n.get("logs.rate", linesPerSecond.get()),
                linesPerSecond, l10n.localeProperty());
    }

    // ---------------------------------------------------------------- mirroring

    /** Takes what the buffer has that the screen has not, in one batch. */
    public Pulled pull() {
        LogBuffer.Slice slice = buffer.slice(lastSeq);
        List<LogRecord> fresh = slice.records();
        // Everything at or below the buffer's dropped count is gone (pushed out by newer lines or a smaller size).
        long firstHeld = all.isEmpty() ? Long.MAX_VALUE : all.get(0).seq();
        int removed = (int) Math.min(all.size(), Math.max(0, slice.dropped() - firstHeld + 1));
        if (!fresh.isEmpty() || removed > 0) {
            // Counts first: whoever reacts to the list change (the table, the status line) sees them final.
            written.set(slice.written());
            dropped.set(slice.dropped());
            all.advance(removed, fresh);
            for (LogRecord record : fresh) {
                String name = record.component();
                if (!name.isEmpty() && componentsSeen.add(name)) {
                    int at = Collections.binarySearch(components.subList(1, components.size()), name);
                    components.add(1 + (-at - 1), name);
                }
            }
            if (!fresh.isEmpty()) {
                lastSeq = fresh.get(fresh.size() - 1).seq();
            }
            if (!follow.get()) {
                newWhilePaused.set(newWhilePaused.get() + fresh.size());
            }
        }
        Map<LogLevel, Long> levels = buffer.levelCounts();
        counts.forEach((level, count) -> count.set(levels.get(level)));
        sample(nanoClock.getAsLong(), lastSeq);
        return new Pulled(fresh.size(), removed);
    }

    /** Adds the whole seconds between the previous pull and this one to the history, interpolating the count. */
    private void sample(long now, long writtenNow) {
        if (!sampled) {
            sampled = true;
            sampleNanos = now;
            sampleWritten = writtenNow;
            boundaryNanos = now + SECOND;
            writtenAtBoundary = writtenNow;
            return;
        }
        // A screen hidden for a long time catches up here: one cheap step per second it was away.
        boolean closed = false;
        while (now >= boundaryNanos) {
            long atBoundary = now == sampleNanos ? writtenNow
                    : sampleWritten + (long) ((double) (writtenNow - sampleWritten) * (boundaryNanos - sampleNanos)
                    / (now - sampleNanos));
            history.addLast(atBoundary - writtenAtBoundary);
            if (history.size() > HISTORY_SECONDS) {
                history.removeFirst();
            }
            writtenAtBoundary = atBoundary;
            boundaryNanos += SECOND;
            closed = true;
        }
        sampleNanos = now;
        sampleWritten = writtenNow;
        if (closed) {
            rateHistory.set(List.copyOf(history));
            linesPerSecond.set(history.getLast());
        }
    }

    // ---------------------------------------------------------------- filters

    private void refilter() {
        shown.setPredicate(predicate());
    }

    /** The filters as one predicate; null (everything) when none is set. */
    private Predicate<LogRecord> predicate() {
        Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
        levelShown.forEach((level, on) -> {
            if (on.get()) {
                levels.add(level);
            }
        });
        String only = component.get() == null ? ALL_COMPONENTS : component.get();
        Predicate<String> text = textFilter();
        if (levels.size() == LogLevel.values().length && only.isEmpty() && text == null) {
            return null;
        }
        return record -> levels.contains(record.level())
                && (only.isEmpty() || only.equals(record.component()))
                && (text == null || text.test(record.raw()));
    }

    /** The search as a test on the raw line, or null for none (empty, or a regular expression that does not compile). */
    private Predicate<String> textFilter() {
        String query = search.get() == null ? "" : search.get();
        if (query.isEmpty()) {
            searchError.set("");
            return null;
        }
        if (!regex.get()) {
            searchError.set("");
            return line -> containsIgnoreCase(line, query);
        }
        try {
            Pattern pattern = Pattern.compile(query);
            searchError.set("");
            return line -> pattern.matcher(line).find();
        } catch (PatternSyntaxException e) {
            searchError.set(l10n.get("logs.search.invalid", e.getDescription()));
            return null;
        }
    }

    static boolean containsIgnoreCase(String text, String query) {
        int last = text.length() - query.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, query, 0, query.length())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- presentation

    /** The time column: local HH:mm:ss.SSS, the time as written when it is not RFC 3339, empty when none. */
    public String localTime(LogRecord record) {
        return record.instant().map(clock::format).orElse(record.time());
    }

    /** The message column: the message, and the error Alloy attached to it (which is usually what matters). */
    public String messageText(LogRecord record) {
        String error = record.fields().getOrDefault("err", record.fields().getOrDefault("error", ""));
        if (error.isEmpty()) {
            return record.message();
        }
        return record.message().isEmpty() ? error : record.message() + " — " + error;
    }

    /** The detail pane: the line's keys as {@code key = value}, in a logfmt line's usual order. */
    public String detailText(LogRecord record) {
        if (!record.parsed()) {
            return l10n.get("logs.detail.unparsed");
        }
        StringBuilder out = new StringBuilder();
        appendField(out, "ts", record.time());
        appendField(out, "level", record.level() == LogLevel.UNKNOWN ? "" : record.level().id());
        appendField(out, "msg", record.message());
        Map<String, String> fields = record.fields();
        // The parser lifts component_id/component_path out of the fields; service and controller_* stay in them.
        if (!record.component().isEmpty() && !record.component().equals(fields.get("service"))
                && !record.component().equals(fields.get("controller_id"))) {
            appendField(out, "component_id", record.component());
        }
        if (!record.path().isEmpty() && !record.path().equals(fields.get("controller_path"))) {
            appendField(out, "component_path", record.path());
        }
        fields.forEach((key, value) -> appendField(out, key, value));
        return out.toString().stripTrailing();
    }

    private static void appendField(StringBuilder out, String key, String value) {
        if (!value.isEmpty()) {
            out.append(key).append(" = ").append(value).append('\n');
        }
    }

    /** The selected records as they were written, one per line, for the clipboard. */
    public String copyText(List<LogRecord> records) {
        StringBuilder out = new StringBuilder();
        for (LogRecord record : records) {
            out.append(record.raw()).append('\n');
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- export

    /** Writes the records shown now to {@code file} in the background (temporary file, then one move). */
    public TaskHandle export(Path file, ExportFormat format) {
        List<LogRecord> records = List.copyOf(shown);
        exporting.set(true);
        message.set("");
        messageIsError.set(false);
        return BackgroundTask.of(progress -> {
            AtomicFiles.write(file, format == ExportFormat.LOG ? rawLines(records) : jsonLines(records));
            return records.size();
        }).onSuccess(count -> {
            message.set(l10n.get("logs.export.done", count, file));
        }).onFailure(IOException.class, e -> {
            messageIsError.set(true);
            message.set(l10n.get("logs.export.failed", file, e.getMessage() == null ? e.toString() : e.getMessage()));
        }).onFinished(() -> exporting.set(false)).executeWith(executor);
    }

    static byte[] rawLines(List<LogRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 160);
        for (LogRecord record : records) {
            out.writeBytes(record.raw().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] jsonLines(List<LogRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 200);
        try (SequenceWriter lines = JSON.writer().withRootValueSeparator("\n").writeValues(out)) {
            for (LogRecord record : records) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("ts", emptyToNull(record.time()));
                object.put("level", record.level().id());
                object.put("msg", record.message());
                object.put("component", emptyToNull(record.component()));
                object.put("path", emptyToNull(record.path()));
                object.put("fields", record.fields());
                object.put("source", sourceId(record.source()));
                lines.write(object);
            }
        }
        if (!records.isEmpty()) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    static String sourceId(LogSource source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---------------------------------------------------------------- properties

    /** Every record held, oldest first (read-only). */
    public ObservableList<LogRecord> all() {
        return all;
    }

    /** The records that pass the filters, oldest first (read-only). */
    public ObservableList<LogRecord> shown() {
        return shown;
    }

    public BooleanProperty levelShownProperty(LogLevel level) {
        return levelShown.get(level);
    }

    /** How many records of a level the buffer holds. */
    public ReadOnlyLongProperty countProperty(LogLevel level) {
        return counts.get(level).getReadOnlyProperty();
    }

    /** {@link #ALL_COMPONENTS} first, then every component seen this session, sorted. */
    public ObservableList<String> components() {
        return FXCollections.unmodifiableObservableList(components);
    }

    public ObjectProperty<String> componentProperty() {
        return component;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Whether the search is a regular expression (as written) rather than text (any case). */
    public BooleanProperty regexProperty() {
        return regex;
    }

    /** Why the regular expression is not used, or empty. */
    public ReadOnlyStringProperty searchErrorProperty() {
        return searchError.getReadOnlyProperty();
    }

    /** Whether the view keeps to the newest line; off is "paused". */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Lines written since the view was paused. */
    public ReadOnlyLongProperty newWhilePausedProperty() {
        return newWhilePaused.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty writtenProperty() {
        return written.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Lines written in the last whole second. */
    public ReadOnlyLongProperty linesPerSecondProperty() {
        return linesPerSecond.getReadOnlyProperty();
    }

    /** Lines written in each of the last (up to) 60 whole seconds, oldest first. */
    public ReadOnlyObjectProperty<List<Long>> rateHistoryProperty() {
        return rateHistory.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** The outcome of the last export, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** "N shown · M dropped · W written". */
    public StringBinding statusText() {
        return statusText;
    }

    /** "N lines/s" for the last whole second. */
    public StringBinding rateText() {
        return rateText;
    }
}
