package io.alloycompanion.core.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start Alloy: {@code alloy run <config> --server.http.listen-addr=<addr> --storage.path=<storage>
 * [--stability.level=<level>]}, with {@code environment} (the token) added to the child's environment only.
 */
public record AgentLaunch(Path binary, Path config, String listenAddress, Path storage, Optional<String> stabilityLevel,
                          Map<String, String> environment) {

    public AgentLaunch {
        environment = Map.copyOf(environment);
    }

    /** The command as Alloy gets it (never holds a secret: those travel in the environment). */
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "run", config.toString(),
                "--server.http.listen-addr=" + listenAddress, "--storage.path=" + storage));
        stabilityLevel.ifPresent(level -> command.add("--stability.level=" + level));
        return command;
    }

    @Override
    public String toString() {
        return String.join(" ", command()) + (environment.isEmpty() ? "" : " (environment: " + environment.keySet() + ")");
    }
}
