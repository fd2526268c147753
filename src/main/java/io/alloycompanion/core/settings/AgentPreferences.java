package io.alloycompanion.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alloycompanion.core.agent.LogBuffer;

/**
 * How the app runs the local agent.
 *
 * @param restartOnCrash   start Alloy again after it crashed, waiting 1 s, then 2 s, 4 s… up to a minute (off by default:
 *                         a config that crashes at once should be read, not retried)
 * @param logBufferRecords how many of its log lines the Logs screen keeps
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentPreferences(boolean restartOnCrash, int logBufferRecords) {

    public static final int MIN_LOG_BUFFER = 1_000;
    /** About 1 KB a line: half a million lines stay within the app's 512 MiB soft heap limit. */
    public static final int MAX_LOG_BUFFER = 500_000;
    public static final int DEFAULT_LOG_BUFFER = LogBuffer.DEFAULT_CAPACITY;
    public static final AgentPreferences DEFAULTS = new AgentPreferences(false, DEFAULT_LOG_BUFFER);

    public AgentPreferences {
        // A hand-edited or older file with 0 or an absurd size gets the nearest size that works.
        logBufferRecords = logBufferRecords == 0 ? DEFAULT_LOG_BUFFER
                : Math.max(MIN_LOG_BUFFER, Math.min(MAX_LOG_BUFFER, logBufferRecords));
    }

    /**
     * Read leniently: a hand-edited value of the wrong type (a word, a number too large) gives the default for that
     * value instead of making the whole settings file unreadable.
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    static AgentPreferences fromJson(@com.fasterxml.jackson.annotation.JsonProperty("restartOnCrash") Object restartOnCrash,
                                     @com.fasterxml.jackson.annotation.JsonProperty("logBufferRecords") Object logBufferRecords) {
        boolean restart = restartOnCrash instanceof Boolean value ? value : "true".equals(String.valueOf(restartOnCrash));
        int records = 0;
        if (logBufferRecords instanceof Number number) {
            long value = number.longValue();
            records = value > Integer.MAX_VALUE ? MAX_LOG_BUFFER : (int) Math.max(Integer.MIN_VALUE, value);
        } else if (logBufferRecords != null) {
            try {
                records = Integer.parseInt(String.valueOf(logBufferRecords).strip());
            } catch (NumberFormatException e) {
                records = 0;
            }
        }
        return new AgentPreferences(restart, records);
    }

    public AgentPreferences withRestartOnCrash(boolean value) {
        return new AgentPreferences(value, logBufferRecords);
    }

    public AgentPreferences withLogBufferRecords(int value) {
        return new AgentPreferences(restartOnCrash, value);
    }
}
