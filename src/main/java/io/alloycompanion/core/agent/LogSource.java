package io.alloycompanion.core.agent;

/** Where a log line came from. */
public enum LogSource {
    /** The supervised child's standard output. */
    STDOUT,
    /** The supervised child's standard error (Alloy logs there by default). */
    STDERR,
    /** {@code journalctl} of an attached systemd service. */
    JOURNAL,
    /** The Windows Event Log (provider {@code Alloy}) of an attached service. */
    EVENT_LOG,
    /** The log file of an attached service (Homebrew's {@code alloy.err.log}). */
    FILE,
    /** Alloy Companion itself (start, stop, exit codes). */
    SUPERVISOR,
    /** A container of the local Docker stack (Alloy, Tempo, Loki, Prometheus, Grafana). */
    CONTAINER
}
