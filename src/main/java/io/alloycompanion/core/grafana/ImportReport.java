package io.alloycompanion.core.grafana;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An import into one Grafana.
 *
 * @param folder        the folder the dashboards went into; empty for Grafana's General folder
 * @param folderCreated whether the folder was created by this import
 */
public record ImportReport(URI grafana, String grafanaVersion, Optional<GrafanaFolder> folder, boolean folderCreated,
                           List<DashboardImport> dashboards) {

    public ImportReport {
        dashboards = List.copyOf(dashboards);
    }

    public long imported() {
        return dashboards.stream().filter(DashboardImport.Imported.class::isInstance).count();
    }

    public long failed() {
        return dashboards.stream().filter(DashboardImport.Failed.class::isInstance).count();
    }
}
