package io.alloycompanion.core.grafana;

/** Grafana's {@code GET /api/health}: its version and whether its database answers ({@code "ok"}). */
public record GrafanaHealth(String version, String database) {
}
