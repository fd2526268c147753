package io.alloycompanion.core.agent;

import java.util.Optional;

/**
 * A known problem recognised in Alloy's logs (FACTS.md §5), for the checklist and the status bar.
 *
 * @param component the component that reported it (e.g. {@code prometheus.remote_write.default}); empty when none
 * @param detail    the cause as Alloy wrote it (the {@code err}/{@code error} value, an HTTP status, an address)
 * @param location  for config errors: where in which file
 * @param record    the line it came from
 */
public record Insight(Kind kind, String component, String detail, Optional<ConfigLocation> location, LogRecord record) {

    public enum Kind {
        /** prometheus.remote_write got 401/403: the metrics username or token is wrong, or lacks metrics:write. */
        METRICS_CREDENTIALS_REJECTED,
        /** loki.write got 401/403. */
        LOGS_CREDENTIALS_REJECTED,
        /** An otelcol exporter dropped data (traces, metrics or logs), with the cause. */
        EXPORT_FAILING,
        /** An otelcol exporter will retry: data is delayed, not lost yet. */
        EXPORT_RETRYING,
        /** Alloy could not listen on an address: another program holds the port. */
        PORT_CLASH,
        /** A reload was refused; the previous config keeps running. */
        RELOAD_FAILED
    }

    /** A place in a config file, as Alloy's diagnostics give it ({@code file:line:col: message}). */
    public record ConfigLocation(String file, int line, int column, String message) {
    }

    /**
     * Whether the line this insight comes from was written within {@code window} before {@code now}; a line without a
     * readable time counts as recent (the app saw it while running).
     */
    public boolean recent(java.time.Instant now, java.time.Duration window) {
        try {
            java.time.Instant at = java.time.OffsetDateTime.parse(record.time()).toInstant();
            return !at.isBefore(now.minus(window));
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            return true;
        }
    }
}
