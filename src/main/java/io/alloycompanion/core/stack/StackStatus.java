package io.alloycompanion.core.stack;

import java.util.List;
import java.util.Optional;

/** The whole stack: the engine that runs it and each service, in start order. */
public record StackStatus(String project, Optional<String> engineVersion, List<ServiceStatus> services) {

    public StackStatus {
        services = List.copyOf(services);
    }

    public boolean allHealthy() {
        return !services.isEmpty() && services.stream().allMatch(service -> service.health() == ServiceStatus.Health.HEALTHY);
    }

    public boolean anyContainer() {
        return services.stream().anyMatch(service -> !"missing".equals(service.state()));
    }

    public Optional<ServiceStatus> service(StackService service) {
        return services.stream().filter(status -> status.service() == service).findFirst();
    }
}
