package io.alloycompanion.core.grafana;

/** A dashboard folder in Grafana ({@code GET /api/folders}). */
public record GrafanaFolder(String uid, String title) {
}
