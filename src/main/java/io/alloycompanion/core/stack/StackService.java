package io.alloycompanion.core.stack;

import java.util.List;
import java.util.Optional;

/**
 * The five services of the local stack, in start order: the backends first, then Alloy (which writes to them), then
 * Grafana (which reads them). Each is waited on through its own health endpoint on its published port.
 */
public enum StackService {
    TEMPO("tempo", 3200, "/ready", "tempo-data", "/var/tempo"),
    LOKI("loki", 3100, "/ready", "loki-data", "/loki"),
    PROMETHEUS("prometheus", 9090, "/-/ready", "prometheus-data", "/prometheus"),
    ALLOY("alloy", 12345, "/-/ready", "alloy-data", "/var/lib/alloy/data"),
    GRAFANA("grafana", 3000, "/api/health", "grafana-data", "/var/lib/grafana");

    private final String id;
    private final int containerPort;
    private final String healthPath;
    private final String volume;
    private final String dataPath;

    StackService(String id, int containerPort, String healthPath, String volume, String dataPath) {
        this.id = id;
        this.containerPort = containerPort;
        this.healthPath = healthPath;
        this.volume = volume;
        this.dataPath = dataPath;
    }

    /** The name used for the container's network alias, in files and on the command line. */
    public String id() {
        return id;
    }

    /** The port the service listens on inside its container: its API, UI and health endpoint. */
    public int containerPort() {
        return containerPort;
    }

    /** The path that answers 200 once the service is ready. */
    public String healthPath() {
        return healthPath;
    }

    /** The named volume that keeps the service's data across {@code down} (unless volumes are removed too). */
    public String volume() {
        return volume;
    }

    public String dataPath() {
        return dataPath;
    }

    /** Whether people open it in a browser (Grafana, Alloy's UI, Prometheus). */
    public boolean hasWebUi() {
        return this == GRAFANA || this == ALLOY || this == PROMETHEUS;
    }

    /** The services this one talks to, which must be healthy before it starts. */
    public List<StackService> dependsOn() {
        switch (this) {
            case ALLOY:
                return List.of(TEMPO, LOKI, PROMETHEUS);
            case GRAFANA:
                return List.of(TEMPO, LOKI, PROMETHEUS);
            default:
                return List.of();
        }
    }

    public static Optional<StackService> byId(String id) {
        for (StackService service : values()) {
            if (service.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
