package io.alloycompanion.core.config.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a generated config should do, in terms a user picks in the wizard. Secrets never appear here: the model only
 * says where Alloy reads the token from.
 */
public record ConfigModel(
        List<ScrapeTarget> scrapes,
        Optional<OtlpReceiver> otlp,
        List<LogFile> logFiles,
        Destination destination,
        Optional<Enrichment> enrichment,
        Optional<FleetManagement> fleetManagement,
        Optional<Logging> logging) {

    public ConfigModel {
        scrapes = List.copyOf(scrapes);
        logFiles = List.copyOf(logFiles);
    }

    /** A Prometheus endpoint to scrape, such as a worker at {@code localhost:8787/metrics}. */
    public record ScrapeTarget(String job, String address, String metricsPath, Duration interval) {
    }

    /** The OTLP receiver; {@code grpcEndpoint} is optional (HTTP alone is enough for most apps). */
    public record OtlpReceiver(String httpEndpoint, Optional<String> grpcEndpoint) {
        public static OtlpReceiver localHttp() {
            return new OtlpReceiver("127.0.0.1:4318", Optional.empty());
        }
    }

    /** Log files to tail; {@code path} may be a glob. */
    public record LogFile(String path, Map<String, String> labels) {
        public LogFile {
            labels = Map.copyOf(labels);
        }
    }

    /** Attributes added to every span, metric and log that arrives over OTLP. */
    public record Enrichment(Optional<String> serviceName, Optional<String> environment) {
    }

    public record FleetManagement(String url, String username, Duration pollFrequency) {
    }

    public record Logging(String level, String format) {
    }

    /** Where Alloy reads the Grafana Cloud token: an environment variable or an owner-only file outside git. */
    public sealed interface TokenSource permits EnvToken, FileToken {
    }

    public record EnvToken(String variable) implements TokenSource {
        public static final EnvToken DEFAULT = new EnvToken("GCLOUD_RW_API_KEY");
    }

    public record FileToken(Path file) implements TokenSource {
    }

    /** Where the telemetry goes. */
    public sealed interface Destination permits GrafanaCloud, LocalStack {
    }

    /**
     * Grafana Cloud with per-signal endpoints and usernames (FACTS.md §7): metrics (push URL + hmInstancePromId),
     * logs (push URL + hlInstanceId), and traces either through the OTLP gateway (URL + stack id) or to Tempo
     * directly (host:443 + htInstanceId).
     *
     * @param proxyFromEnvironment whether the writers that ignore {@code HTTPS_PROXY} unless told to
     *                             ({@code prometheus.remote_write}, {@code loki.write}, {@code remotecfg}) get
     *                             {@code proxy_from_environment = true}; otelcol exporters follow it already
     */
    public record GrafanaCloud(Optional<Endpoint> metrics, Optional<Endpoint> logs, Optional<Traces> traces,
                               TokenSource token, boolean proxyFromEnvironment) implements Destination {

        /** Without a proxy. */
        public GrafanaCloud(Optional<Endpoint> metrics, Optional<Endpoint> logs, Optional<Traces> traces, TokenSource token) {
            this(metrics, logs, traces, token, false);
        }

        public GrafanaCloud withProxyFromEnvironment(boolean value) {
            return new GrafanaCloud(metrics, logs, traces, token, value);
        }
    }

    public record Endpoint(String url, String username) {
    }

    public sealed interface Traces permits OtlpGateway, Tempo {
    }

    public record OtlpGateway(String url, String username) implements Traces {
    }

    public record Tempo(String endpoint, String username) implements Traces {
    }

    /**
     * The Docker stack: Tempo, Loki and Prometheus by their service names, and exporters to scrape.
     *
     * @param cloud Grafana Cloud as a second destination: everything the stack receives is also sent there
     */
    public record LocalStack(String tempo, String loki, String prometheus, boolean mysqlExporter, boolean redisExporter,
                             Optional<GrafanaCloud> cloud) implements Destination {
        public LocalStack {
            cloud = cloud == null ? Optional.empty() : cloud;
        }

        public static LocalStack defaults(boolean mysql, boolean redis) {
            return new LocalStack("http://tempo:4318", "http://loki:3100/loki/api/v1/push",
                    "http://prometheus:9090/api/v1/write", mysql, redis, Optional.empty());
        }

        public LocalStack withCloud(Optional<GrafanaCloud> value) {
            return new LocalStack(tempo, loki, prometheus, mysqlExporter, redisExporter, value);
        }
    }
}
