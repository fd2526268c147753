package io.alloycompanion.core.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor knows about the agent at one moment.
 *
 * @param pid       Alloy's process id (not the watchdog's)
 * @param since     when the current state began (for uptime: since READY)
 * @param exitCode  after it ended
 * @param lastLines after a crash: its last error lines (or last lines when none was an error)
 * @param detail    a sentence for the user (why degraded, what failed), in English; may be empty
 * @param attached  watching an Alloy this app did not start (read-only)
 */
public record AgentStatus(AgentState state, Optional<Long> pid, Instant since, Optional<Instant> startedAt,
                          Optional<Integer> exitCode, List<String> lastLines, String listenAddress, Optional<Path> config,
                          String detail, boolean attached, int restarts) {

    public static AgentStatus stopped(String listenAddress) {
        return new AgentStatus(AgentState.STOPPED, Optional.empty(), Instant.now(), Optional.empty(), Optional.empty(),
                List.of(), listenAddress, Optional.empty(), "", false, 0);
    }

    public boolean running() {
        return state == AgentState.STARTING || state == AgentState.READY || state == AgentState.DEGRADED;
    }
}
