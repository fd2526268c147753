package io.alloycompanion.core.stack;

import java.util.Map;
import java.util.Optional;

/**
 * One service as the engine and its health endpoint see it.
 *
 * @param state     the container's state as Docker names it ({@code running}, {@code exited}, …), or {@code missing}
 * @param health    whether the health endpoint answered 2xx just now; {@link Health#UNKNOWN} when not running
 * @param detail    the health endpoint's answer or error, or how the container exited
 */
public record ServiceStatus(StackService service, String container, String state, Health health, String image,
                            Map<Integer, Integer> ports, Optional<String> detail) {

    public enum Health {
        HEALTHY, UNHEALTHY, UNKNOWN
    }

    public ServiceStatus {
        ports = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ports));
    }

    public boolean running() {
        return "running".equals(state);
    }
}
