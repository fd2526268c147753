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
    /** Alloy Companion itself (start, stop, exit codes). */
    SUPERVISOR
}
