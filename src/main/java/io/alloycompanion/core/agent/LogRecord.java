package io.alloycompanion.core.agent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One log line, parsed. Lines that are neither logfmt nor JSON keep their text as the message with level UNKNOWN
 * and {@link #parsed()} false, so nothing is ever lost.
 *
 * @param seq       position in the stream, from 1, given by {@link LogBuffer}; 0 before it is buffered
 * @param time      the {@code ts} value as written (RFC 3339), or empty
 * @param component {@code component_id}, else {@code controller_id}/{@code service}; empty when none
 * @param path      {@code component_path} or {@code controller_path}; empty when none
 * @param fields    every other key, in line order
 * @param raw       the line as read
 */
public record LogRecord(long seq, String time, LogLevel level, String message, String component, String path,
                        Map<String, String> fields, String raw, LogSource source, boolean parsed) {

    public LogRecord withSeq(long value) {
        return new LogRecord(value, time, level, message, component, path, fields, raw, source, parsed);
    }

    /** The time as an instant, when it was written in RFC 3339. */
    public Optional<Instant> instant() {
        if (time.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A field's value, or empty. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** A line of the supervisor's own, in the same stream as Alloy's. */
    public static LogRecord supervisor(LogLevel level, String message) {
        return new LogRecord(0, Instant.now().toString(), level, message, "alloy-companion", "", Map.of(), message,
                LogSource.SUPERVISOR, true);
    }
}
