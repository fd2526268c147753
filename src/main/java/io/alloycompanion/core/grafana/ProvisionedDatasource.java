package io.alloycompanion.core.grafana;

import java.util.Optional;

/**
 * A datasource from a Grafana provisioning file ({@code apiVersion: 1}, {@code datasources:}).
 *
 * @param file relative to the provisioning folder
 */
public record ProvisionedDatasource(String file, String name, String type, Optional<String> uid, int orgId) {

    public boolean isType(String wanted) {
        return type.equalsIgnoreCase(wanted);
    }
}
