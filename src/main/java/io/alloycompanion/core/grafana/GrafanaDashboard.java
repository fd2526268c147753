package io.alloycompanion.core.grafana;

/**
 * A dashboard as Grafana has it ({@code GET /api/dashboards/uid/<uid>}).
 *
 * @param folderTitle the folder it is in ({@code General} for none)
 * @param url         where to open it
 */
public record GrafanaDashboard(String uid, String title, String folderTitle, String url) {
}
