package io.alloycompanion.core.stack;

import java.util.Optional;

/** Whether the engine answered; its version if so, else what went wrong and how to start one. */
public record DockerEngineStatus(DockerEndpoint endpoint, boolean reachable, Optional<String> version,
                                 Optional<String> apiVersion, Optional<String> problem) {
}
