package io.alloycompanion.cli;

import io.alloycompanion.core.agent.Insight;

/** The insights in the CLI's English. */
final class CliInsights {

    private CliInsights() {
    }

    static String describe(Insight insight) {
        return switch (insight.kind()) {
            case METRICS_CREDENTIALS_REJECTED -> "Grafana Cloud rejected the metrics credentials (" + insight.component()
                    + "): check the Prometheus username (instance ID) and that the token has metrics:write. "
                    + "Test them with: alloy-companion credentials test";
            case LOGS_CREDENTIALS_REJECTED -> "Grafana Cloud rejected the logs credentials (" + insight.component()
                    + "): check the Loki username and that the token has logs:write. Test: alloy-companion credentials test";
            case EXPORT_FAILING -> "export failing, data dropped (" + insight.component() + "): " + insight.detail();
            case EXPORT_RETRYING -> "export failing, retrying (" + insight.component() + "): " + insight.detail();
            case PORT_CLASH -> "another program holds the port: " + insight.detail();
            case RELOAD_FAILED -> "the reload was refused, the previous config keeps running: " + insight.location()
                    .map(location -> location.file() + ":" + location.line() + ":" + location.column() + ": " + location.message())
                    .orElse(insight.detail());
        };
    }
}
