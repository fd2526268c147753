package io.alloycompanion.core.install;

import java.util.List;

/** Every Alloy found on the machine, where each came from, and the services that run one. */
public record AlloyInstallations(List<AlloyBinary> binaries, List<ServiceStatus> services) {

    public AlloyInstallations {
        binaries = List.copyOf(binaries);
        services = List.copyOf(services);
    }
}
