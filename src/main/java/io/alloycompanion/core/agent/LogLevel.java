package io.alloycompanion.core.agent;

import java.util.Locale;

/** Alloy's log levels (FACTS.md §5), plus UNKNOWN for lines that carry none (raw text, other programs). */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR, UNKNOWN;

    /** Reads {@code level=} values as Go loggers write them; anything else is UNKNOWN. */
    public static LogLevel parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "debug":
            case "trace":
                return DEBUG;
            case "info":
                return INFO;
            case "warn":
            case "warning":
                return WARN;
            case "error":
            case "err":
            case "fatal":
            case "panic":
            case "crit":
                return ERROR;
            default:
                return UNKNOWN;
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
