package io.alloycompanion.core.telemetry;

import java.util.Locale;

/** Whether Alloy's receiver counters show the item as accepted. */
public enum Acceptance {
    /** The accepted counter rose by at least what was sent. */
    YES,
    /** The counters were read and did not show it accepted (refused, or unchanged). */
    NO,
    /** Alloy's counters could not be read, or it has none for this signal. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
