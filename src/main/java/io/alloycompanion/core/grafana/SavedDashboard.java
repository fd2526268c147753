package io.alloycompanion.core.grafana;

/**
 * Grafana's answer to {@code POST /api/dashboards/db}.
 *
 * @param url    where to open it, absolute (Grafana answers a path; it is resolved against Grafana's address)
 * @param status Grafana's status word, {@code success}
 */
public record SavedDashboard(String uid, String url, String status, int version) {
}
