package io.alloycompanion.core.cloud;

/**
 * The Grafana Cloud endpoints a profile can hold. Each takes a different basic-auth username — the wrong one is the
 * top cause of 401 — so each knows which field of the stack that username comes from and which scope it needs.
 */
public enum Signal {
    METRICS("hmInstancePromId", "metrics:write"),
    LOGS("hlInstanceId", "logs:write"),
    TRACES("htInstanceId", "traces:write"),
    OTLP("id", "metrics:write, logs:write, traces:write"),
    FLEET("agentManagementInstanceId", "fleet-management:read");

    private final String usernameField;
    private final String scope;

    Signal(String usernameField, String scope) {
        this.usernameField = usernameField;
        this.scope = scope;
    }

    /** The field of {@code GET /api/instances/{slug}} that holds this signal's username (the stack id for OTLP). */
    public String usernameField() {
        return usernameField;
    }

    /** The access-policy scope a token needs for this signal. */
    public String scope() {
        return scope;
    }

    /** The lower-case name used on the command line and in JSON ({@code metrics}, {@code otlp}, …). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
