package io.alloycompanion.ui.wizard;

/** Where the user's telemetry should end up. */
public enum SetupMode {
    GRAFANA_CLOUD,
    LOCAL_STACK
}
