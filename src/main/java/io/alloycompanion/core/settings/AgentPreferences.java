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
    public static final int MAX_LOG_BUFFER = 1_000_000;
    public static final int DEFAULT_LOG_BUFFER = LogBuffer.DEFAULT_CAPACITY;
    public static final AgentPreferences DEFAULTS = new AgentPreferences(false, DEFAULT_LOG_BUFFER);

    public AgentPreferences {
        // A hand-edited or older file with 0 or an absurd size gets the nearest size that works.
        logBufferRecords = logBufferRecords == 0 ? DEFAULT_LOG_BUFFER
                : Math.max(MIN_LOG_BUFFER, Math.min(MAX_LOG_BUFFER, logBufferRecords));
    }

    public AgentPreferences withRestartOnCrash(boolean value) {
        return new AgentPreferences(value, logBufferRecords);
    }

    public AgentPreferences withLogBufferRecords(int value) {
        return new AgentPreferences(restartOnCrash, value);
    }
}
