package io.alloycompanion.ui.wizard;

/** Where the user's telemetry should end up. */
public enum SetupMode {
    GRAFANA_CLOUD,
    LOCAL_STACK,
    /** The local stack, whose Alloy also sends everything to Grafana Cloud. */
    BOTH;

    /** Whether the local stack in Docker runs (its Alloy, not one on this computer). */
    public boolean localStack() {
        return this != GRAFANA_CLOUD;
    }

    /** Whether telemetry goes to Grafana Cloud (so its credentials are needed). */
    public boolean cloud() {
        return this != LOCAL_STACK;
    }

    /** The mode's name in reports ({@code check --json} says the same). */
    public String id() {
        return switch (this) {
            case GRAFANA_CLOUD -> "grafana-cloud";
            case LOCAL_STACK -> "local-stack";
            case BOTH -> "both";
        };
    }
}
