package io.alloycompanion.cli;

import io.alloycompanion.core.config.generate.ConfigGenerator;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", sortOptions = false,
        description = "Write a complete, fmt-clean config for Grafana Cloud or the local Docker stack. The token is never "
                + "written: Alloy reads it from an environment variable (default GCLOUD_RW_API_KEY) or a file outside git.")
final class ConfigGenerateCommand implements Callable<Integer> {

    private static final Pattern SCRAPE = Pattern.compile("^([^=]+)=([^/@]+)(/[^@]*)?(?:@(\\d+)([smh]))?$");

    @Spec
    private CommandSpec spec;

    @Option(names = "--mode", description = "cloud (default) or local-stack.", defaultValue = "cloud")
    private String mode;

    @Option(names = "--metrics-url", description = "Grafana Cloud Prometheus push URL (…/api/prom/push).")
    private String metricsUrl;
    @Option(names = "--metrics-username", description = "hmInstancePromId.")
    private String metricsUsername;
    @Option(names = "--logs-url", description = "Grafana Cloud Loki push URL (…/loki/api/v1/push).")
    private String logsUrl;
    @Option(names = "--logs-username", description = "hlInstanceId.")
    private String logsUsername;
    @Option(names = "--otlp-gateway-url", description = "Grafana Cloud OTLP gateway URL (…/otlp), for traces (and OTLP metrics and logs).")
    private String gatewayUrl;
    @Option(names = "--otlp-username", description = "The stack id, for the OTLP gateway.")
    private String gatewayUsername;
    @Option(names = "--tempo-endpoint", description = "Tempo host:443, to send traces to Tempo directly instead.")
    private String tempoEndpoint;
    @Option(names = "--tempo-username", description = "htInstanceId.")
    private String tempoUsername;
    @Option(names = "--token-env", description = "Environment variable Alloy reads the token from (default GCLOUD_RW_API_KEY).")
    private String tokenEnv;
    @Option(names = "--token-file", description = "Owner-only file Alloy reads the token from, outside any git work tree.")
    private Path tokenFile;

    @Option(names = "--scrape", paramLabel = "JOB=HOST:PORT[/PATH][@15s]",
            description = "A Prometheus endpoint to scrape, e.g. worker=localhost:8787/metrics@15s (repeatable).")
    private List<String> scrapes = new ArrayList<>();
    @Option(names = "--no-otlp", description = "No OTLP receiver.")
    private boolean noOtlp;
    @Option(names = "--otlp-http", description = "OTLP HTTP listen address (default 127.0.0.1:4318).", defaultValue = "127.0.0.1:4318")
    private String otlpHttp;
    @Option(names = "--otlp-grpc", description = "Also listen for OTLP gRPC, e.g. 127.0.0.1:4317.")
    private String otlpGrpc;
    @Option(names = "--log-file", description = "A log file (or glob) to send to Loki (repeatable).")
    private List<String> logFiles = new ArrayList<>();
    @Option(names = "--service-name", description = "service.name added to OTLP data that has none.")
    private String serviceName;
    @Option(names = "--environment", description = "deployment.environment added to OTLP data, e.g. dev.")
    private String environment;
    @Option(names = "--fleet-url", description = "Fleet Management URL (remotecfg).")
    private String fleetUrl;
    @Option(names = "--fleet-username", description = "agentManagementInstanceId.")
    private String fleetUsername;
    @Option(names = "--proxy-from-environment", negatable = true,
            description = "Let the Grafana Cloud writers (prometheus.remote_write, loki.write, remotecfg) use HTTPS_PROXY "
                    + "from Alloy's environment: proxy_from_environment = true. Default: on when HTTPS_PROXY or HTTP_PROXY "
                    + "is set here. The otelcol exporters follow HTTPS_PROXY on their own.")
    private Boolean proxyFromEnvironment;
    @Option(names = "--log-level", description = "Alloy's own log level (default info).", defaultValue = "info")
    private String logLevel;
    @Option(names = "--mysql-exporter", description = "local-stack: scrape the MySQL exporter.")
    private boolean mysql;
    @Option(names = "--redis-exporter", description = "local-stack: scrape the Redis exporter.")
    private boolean redis;

    @Option(names = "--out", description = "Write to FILE (atomically; the previous version is kept as FILE.bak) instead of stdout.")
    private Path out;

    private final CliContext context;

    ConfigGenerateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        ConfigModel model = model();
        String config;
        try {
            config = ConfigGenerator.generate(model);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (out == null) {
            PrintWriter writer = spec.commandLine().getOut();
            writer.print(config);
            writer.flush();
        } else {
            AtomicFiles.writeWithBackup(out, config.getBytes(StandardCharsets.UTF_8));
        }
        return ExitCodes.OK;
    }

    private ConfigModel model() {
        List<ConfigModel.ScrapeTarget> targets = new ArrayList<>();
        for (String scrape : scrapes) {
            Matcher matcher = SCRAPE.matcher(scrape);
            if (!matcher.matches()) {
                throw new ParameterException(spec.commandLine(), "--scrape " + scrape + ": expected JOB=HOST:PORT[/PATH][@15s]");
            }
            Duration interval = matcher.group(4) == null ? Duration.ofSeconds(15)
                    : Duration.ofSeconds(Long.parseLong(matcher.group(4)) * (matcher.group(5).equals("h") ? 3600 : matcher.group(5).equals("m") ? 60 : 1));
            targets.add(new ConfigModel.ScrapeTarget(matcher.group(1), matcher.group(2),
                    matcher.group(3) == null ? "/metrics" : matcher.group(3), interval));
        }
        ConfigModel.Destination destination;
        if (mode.equals("local-stack")) {
            destination = ConfigModel.LocalStack.defaults(mysql, redis);
        } else if (mode.equals("cloud")) {
            ConfigModel.TokenSource token = tokenFile != null ? new ConfigModel.FileToken(tokenFile.toAbsolutePath())
                    : tokenEnv != null ? new ConfigModel.EnvToken(tokenEnv) : ConfigModel.EnvToken.DEFAULT;
            Optional<ConfigModel.Traces> traces = gatewayUrl != null
                    ? Optional.of(new ConfigModel.OtlpGateway(gatewayUrl, required(gatewayUsername, "--otlp-username")))
                    : tempoEndpoint != null
                    ? Optional.of(new ConfigModel.Tempo(tempoEndpoint, required(tempoUsername, "--tempo-username")))
                    : Optional.empty();
            destination = new ConfigModel.GrafanaCloud(
                    Optional.ofNullable(metricsUrl).map(url -> new ConfigModel.Endpoint(url, required(metricsUsername, "--metrics-username"))),
                    Optional.ofNullable(logsUrl).map(url -> new ConfigModel.Endpoint(url, required(logsUsername, "--logs-username"))),
                    traces, token, useProxyFromEnvironment());
        } else {
            throw new ParameterException(spec.commandLine(), "--mode must be cloud or local-stack, not " + mode);
        }
        return new ConfigModel(targets,
                noOtlp ? Optional.empty() : Optional.of(new ConfigModel.OtlpReceiver(otlpHttp, Optional.ofNullable(otlpGrpc))),
                logFiles.stream().map(path -> new ConfigModel.LogFile(path, Map.of())).toList(),
                destination,
                serviceName == null && environment == null ? Optional.empty()
                        : Optional.of(new ConfigModel.Enrichment(Optional.ofNullable(serviceName), Optional.ofNullable(environment))),
                fleetUrl == null ? Optional.empty() : Optional.of(new ConfigModel.FleetManagement(fleetUrl,
                        required(fleetUsername, "--fleet-username"), Duration.ofMinutes(1))),
                Optional.of(new ConfigModel.Logging(logLevel, "logfmt")));
    }

    /** As asked, or when a proxy is set in this environment (Alloy, started from here or as a service, needs it too). */
    private boolean useProxyFromEnvironment() {
        if (proxyFromEnvironment != null) {
            return proxyFromEnvironment;
        }
        Optional<String> proxy = LintContext.fromEnvironment(context.env()::variable).proxy();
        proxy.ifPresent(url -> spec.commandLine().getErr().println("A proxy is set (" + url + "), so the Grafana Cloud "
                + "writers get proxy_from_environment = true (--no-proxy-from-environment leaves it out). Alloy needs "
                + "HTTPS_PROXY in its own environment too, and NO_PROXY=localhost,127.0.0.1 so local scrapes stay direct."));
        return proxy.isPresent();
    }

    private String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), option + " is required with it");
        }
        return value;
    }
}
