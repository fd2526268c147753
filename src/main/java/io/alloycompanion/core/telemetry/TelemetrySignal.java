package io.alloycompanion.core.telemetry;

import java.util.Locale;

/**
 * The three signals a test sends, each with the OTLP/HTTP path it goes to and the counters Alloy's
 * {@code otelcol.receiver.otlp} keeps for it on {@code /metrics} (read with or without the {@code _total} suffix).
 */
public enum TelemetrySignal {
    TRACES("/v1/traces", "span", "otelcol_receiver_accepted_spans", "otelcol_receiver_refused_spans"),
    LOGS("/v1/logs", "log record", "otelcol_receiver_accepted_log_records", "otelcol_receiver_refused_log_records"),
    METRICS("/v1/metrics", "metric point", "otelcol_receiver_accepted_metric_points",
            "otelcol_receiver_refused_metric_points");

    private final String path;
    private final String item;
    private final String acceptedCounter;
    private final String refusedCounter;

    TelemetrySignal(String path, String item, String acceptedCounter, String refusedCounter) {
        this.path = path;
        this.item = item;
        this.acceptedCounter = acceptedCounter;
        this.refusedCounter = refusedCounter;
    }

    /** {@code traces}, {@code logs}, {@code metrics}: the name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path under the OTLP/HTTP base URL, e.g. {@code /v1/traces}. */
    public String path() {
        return path;
    }

    /** What one unit of this signal is called in messages: span, log record, metric point. */
    public String item() {
        return item;
    }

    public String acceptedCounter() {
        return acceptedCounter;
    }

    public String refusedCounter() {
        return refusedCounter;
    }
}
