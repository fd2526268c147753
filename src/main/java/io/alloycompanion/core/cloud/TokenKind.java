package io.alloycompanion.core.cloud;

/** What a pasted token is, judged by its shape alone (nothing is sent anywhere to find out). */
public enum TokenKind {
    /** {@code glc_…}: a Grafana Cloud access policy token, the kind Alloy needs. */
    ACCESS_POLICY(true),
    /** Not Grafana Cloud's shape: a password for a self-hosted Prometheus, Loki or Mimir with basic auth. */
    OTHER(true),
    /** {@code glsa_…}: a Grafana service-account token; it reaches Grafana's HTTP API only and cannot push data. */
    SERVICE_ACCOUNT(false),
    /** {@code eyJrIjoi…}: a retired Grafana Cloud API key. */
    LEGACY_API_KEY(false),
    /** Nothing pasted, or only whitespace. */
    EMPTY(false);

    private final boolean accepted;

    TokenKind(boolean accepted) {
        this.accepted = accepted;
    }

    /**
     * Whether this kind can be the token for a Grafana's own HTTP API: a service account token ({@code glsa_…}), or
     * a token of another shape. Access policy tokens ({@code glc_…}) reach Grafana Cloud's data services only.
     */
    public boolean forGrafanaApi() {
        return this == SERVICE_ACCOUNT || this == OTHER;
    }

    /** Whether the app stores this kind at all; the others are refused with an explanation. */
    public boolean accepted() {
        return accepted;
    }
}
