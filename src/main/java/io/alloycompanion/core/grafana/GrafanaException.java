package io.alloycompanion.core.grafana;

/**
 * A Grafana API call that failed, with a message that says what failed, why, and what to do. Never holds the token.
 */
public final class GrafanaException extends Exception {

    public enum Reason {
        /** Nothing answered: refused, unknown host, timed out, TLS failed. */
        UNREACHABLE,
        /** What answered is not Grafana's HTTP API (404 on /api/health, no JSON). */
        NOT_GRAFANA,
        /** 401: no token where one is needed, or a token Grafana does not accept. */
        UNAUTHORIZED,
        /** 403: the token (or anonymous access) lacks a permission. */
        FORBIDDEN,
        /** 412: name-exists, version-mismatch, plugin-dashboard. */
        PRECONDITION_FAILED,
        /** A datasource the dashboard needs is not in Grafana. */
        MISSING_DATASOURCE,
        /** The file is not a dashboard Grafana accepts (bad JSON, 400). */
        INVALID_DASHBOARD,
        /** Any other answer (5xx, unexpected status). */
        FAILED
    }

    private final Reason reason;

    public GrafanaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GrafanaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether no further call to the same Grafana can succeed either (unreachable, not Grafana, not allowed). */
    public boolean isFatal() {
        return switch (reason) {
            case UNREACHABLE, NOT_GRAFANA, UNAUTHORIZED, FORBIDDEN -> true;
            default -> false;
        };
    }
}
