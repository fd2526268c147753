package io.alloycompanion.core.checks;

/** What fixes a failed check: the desktop app opens the screen, the command line names the command. */
public enum Fix {
    INSTALL_ALLOY("alloy-companion install"),
    OPEN_CREDENTIALS("alloy-companion credentials add --profile NAME --stack SLUG"),
    TEST_CREDENTIALS("alloy-companion credentials test"),
    /** The read-only token the read-back checks query with is missing a scope, wrong or revoked. */
    SET_READ_TOKEN("alloy-companion credentials read-token --profile NAME"),
    SCAN_FOR_LEAKS("alloy-companion credentials scan"),
    OPEN_CONFIG("alloy-companion config validate FILE"),
    START_AGENT("alloy-companion run"),
    OPEN_LOGS("alloy-companion run (and read its log lines)"),
    /** The local Docker stack is not running. */
    START_STACK("alloy-companion stack up --dir DIR"),
    /** Nothing has flowed through yet: one span, log record and metric point show the way. */
    SEND_TELEMETRY("alloy-companion telemetry send"),
    /** Grafana still has a Jaeger data source: dashboards move to Tempo and the Jaeger one goes. */
    REMOVE_JAEGER("alloy-companion dashboards migrate --remove-jaeger"),
    /**
     * The stack's Grafana lacks the starter dashboard: import it (the desktop app does so with the profile's Grafana
     * token; the check's evidence has the command with the stack's address).
     */
    IMPORT_DASHBOARD("alloy-companion dashboards import --profile PROFILE --starter");

    private final String command;

    Fix(String command) {
        this.command = command;
    }

    /** The command that fixes it, for the command line. */
    public String command() {
        return command;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
