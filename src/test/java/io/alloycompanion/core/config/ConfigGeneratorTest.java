package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.generate.ConfigGenerator;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.core.config.generate.ConfigModel.Endpoint;
import io.alloycompanion.core.config.generate.ConfigModel.EnvToken;
import io.alloycompanion.core.config.generate.ConfigModel.FileToken;
import io.alloycompanion.core.config.generate.ConfigModel.GrafanaCloud;
import io.alloycompanion.core.config.generate.ConfigModel.LocalStack;
import io.alloycompanion.core.config.generate.ConfigModel.OtlpGateway;
import io.alloycompanion.core.config.generate.ConfigModel.Tempo;
import io.alloycompanion.core.config.lint.LintContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConfigGeneratorTest {

    static final Endpoint METRICS = new Endpoint("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push", "1234567");
    static final Endpoint LOGS = new Endpoint("https://logs-prod-012.grafana.net/loki/api/v1/push", "7654321");

    static ConfigModel cloud(ConfigModel.Traces traces, ConfigModel.TokenSource token) {
        return new ConfigModel(
                List.of(new ConfigModel.ScrapeTarget("worker", "localhost:8787", "/metrics", Duration.ofSeconds(15))),
                Optional.of(ConfigModel.OtlpReceiver.localHttp()),
                List.of(new ConfigModel.LogFile("/var/log/app/*.log", Map.of("service_name", "app"))),
                new GrafanaCloud(Optional.of(METRICS), Optional.of(LOGS), Optional.of(traces), token),
                Optional.of(new ConfigModel.Enrichment(Optional.of("app"), Optional.of("dev"))),
                Optional.of(new ConfigModel.FleetManagement("https://fleet-management-prod-011.grafana.net", "999", Duration.ofMinutes(1))),
                Optional.of(new ConfigModel.Logging("info", "logfmt")));
    }

    static Stream<ConfigModel> models() {
        return Stream.of(
                cloud(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111"), EnvToken.DEFAULT),
                cloud(new Tempo("tempo-prod-10-prod-eu-west-2.grafana.net:443", "222"), new FileToken(Path.of("/home/dev/.local/share/alloy-companion/token"))),
                new ConfigModel(List.of(), Optional.of(ConfigModel.OtlpReceiver.localHttp()), List.of(),
                        LocalStack.defaults(true, true), Optional.empty(), Optional.empty(), Optional.empty()),
                localAndCloud(),
                new ConfigModel(List.of(new ConfigModel.ScrapeTarget("self", "localhost:12345", "/metrics", Duration.ofSeconds(90))),
                        Optional.empty(), List.of(), new GrafanaCloud(Optional.of(METRICS), Optional.empty(), Optional.empty(),
                        EnvToken.DEFAULT), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyGeneratedConfigIsFmtCleanParsesAndPassesLint(ConfigModel model) {
        String config = ConfigGenerator.generate(model);
        Formatter.Result formatted = Formatter.format("generated.alloy", config);
        assertThat(formatted).isInstanceOf(Formatter.Formatted.class);
        assertThat(((Formatter.Formatted) formatted).changed()).as("fmt-clean").isFalse();
        Validation.Report report = Validation.validate("generated.alloy", config, LintContext.NONE);
        assertThat(report.diagnostics()).as(config).isEmpty();
    }

    @Test
    void grafanaCloudUsesPerSignalUsernamesAndNeverALiteralSecret() throws Exception {
        String config = ConfigGenerator.generate(cloud(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111"), EnvToken.DEFAULT));
        ConfigDocument doc = ConfigDocument.parse("g", config);
        assertThat(doc.getSource(ComponentId.parse("prometheus.remote_write.metrics_service"), "endpoint.basic_auth.username")).contains("\"1234567\"");
        assertThat(doc.getSource(ComponentId.parse("loki.write.grafana_cloud_loki"), "endpoint.basic_auth.username")).contains("\"7654321\"");
        assertThat(doc.getSource(ComponentId.parse("otelcol.auth.basic.grafana_cloud"), "client_auth.username")).contains("\"111\"");
        assertThat(doc.getSource(ComponentId.parse("otelcol.receiver.otlp.default"), "http.endpoint")).contains("\"127.0.0.1:4318\"");
        assertThat(doc.getSource(ComponentId.parse("prometheus.scrape.worker"), "scrape_interval")).contains("\"15s\"");
        assertThat(config).contains("password = sys.env(\"GCLOUD_RW_API_KEY\")").doesNotContain("glc_");
        assertThat(config).contains("remotecfg {").contains("id             = constants.hostname");
    }

    @Test
    void aTokenFileIsReadWithLocalFileMarkedSecret() throws Exception {
        String config = ConfigGenerator.generate(cloud(new Tempo("tempo-prod-10-prod-eu-west-2.grafana.net:443", "222"),
                new FileToken(Path.of("/home/dev/.local/share/alloy-companion/token"))));
        ConfigDocument doc = ConfigDocument.parse("g", config);
        assertThat(doc.getSource(ComponentId.parse("local.file.grafana_cloud_token"), "is_secret")).contains("true");
        assertThat(config).contains("password = local.file.grafana_cloud_token.content").doesNotContain("sys.env");
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.otlp.grafana_cloud_tempo"), "client.endpoint"))
                .contains("\"tempo-prod-10-prod-eu-west-2.grafana.net:443\"");
    }

    @Test
    void behindAProxyTheWritersThatIgnoreHttpsProxyGetProxyFromEnvironment() throws Exception {
        ConfigModel base = cloud(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111"), EnvToken.DEFAULT);
        ConfigModel model = new ConfigModel(base.scrapes(), base.otlp(), base.logFiles(),
                ((GrafanaCloud) base.destination()).withProxyFromEnvironment(true), base.enrichment(),
                base.fleetManagement(), base.logging());
        String config = ConfigGenerator.generate(model);

        Formatter.Result formatted = Formatter.format("generated.alloy", config);
        assertThat(formatted).isInstanceOf(Formatter.Formatted.class);
        assertThat(((Formatter.Formatted) formatted).changed()).as("fmt-clean").isFalse();
        // With a proxy in the environment, lint warns about every remote endpoint that ignores it: none here.
        Validation.Report report = Validation.validate("generated.alloy", config, new LintContext(Optional.of("http://proxy:3128")));
        assertThat(report.diagnostics()).as(config).isEmpty();

        ConfigDocument doc = ConfigDocument.parse("g", config);
        assertThat(doc.getSource(ComponentId.parse("prometheus.remote_write.metrics_service"), "endpoint.proxy_from_environment")).contains("true");
        assertThat(doc.getSource(ComponentId.parse("loki.write.grafana_cloud_loki"), "endpoint.proxy_from_environment")).contains("true");
        assertThat(doc.getSource(ComponentId.parse("remotecfg"), "proxy_from_environment")).contains("true");
        // otelcol's HTTP client has no such attribute (Alloy would refuse the config); it follows HTTPS_PROXY itself.
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.otlphttp.grafana_cloud"), "client.proxy_from_environment")).isEmpty();
        assertThat(config).containsOnlyOnce("\t\turl                    = \"" + METRICS.url() + "\"\n\t\tproxy_from_environment = true\n")
                .contains("\t\turl                    = \"" + LOGS.url() + "\"\n\t\tproxy_from_environment = true\n\n\t\tbasic_auth {");
        assertThat(config.split("proxy_from_environment", -1)).hasSize(4);

        String tempo = ConfigGenerator.generate(new ConfigModel(model.scrapes(), model.otlp(), model.logFiles(),
                new GrafanaCloud(Optional.of(METRICS), Optional.of(LOGS),
                        Optional.of(new Tempo("tempo-prod-10-prod-eu-west-2.grafana.net:443", "222")), EnvToken.DEFAULT, true),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(Validation.validate("g", tempo, new LintContext(Optional.of("http://proxy:3128"))).diagnostics()).as(tempo).isEmpty();
        assertThat(ConfigDocument.parse("g", tempo).getSource(ComponentId.parse("otelcol.exporter.otlp.grafana_cloud_tempo"),
                "client.proxy_from_environment")).isEmpty();
        assertThat(tempo.split("proxy_from_environment", -1)).hasSize(3);
    }

    @Test
    void withoutAProxyNoProxyAttributeIsWritten() {
        String config = ConfigGenerator.generate(cloud(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111"), EnvToken.DEFAULT));
        assertThat(config).doesNotContain("proxy_from_environment");
        assertThat(ConfigGenerator.generate(new ConfigModel(List.of(), Optional.of(ConfigModel.OtlpReceiver.localHttp()), List.of(),
                LocalStack.defaults(false, false), Optional.empty(), Optional.empty(), Optional.empty()))).doesNotContain("proxy");
    }

    @Test
    void theLocalStackSendsToItsServicesAndScrapesTheExporters() throws Exception {
        String config = ConfigGenerator.generate(new ConfigModel(List.of(), Optional.of(ConfigModel.OtlpReceiver.localHttp()), List.of(),
                LocalStack.defaults(true, false), Optional.empty(), Optional.empty(), Optional.empty()));
        ConfigDocument doc = ConfigDocument.parse("g", config);
        assertThat(doc.component(ComponentId.parse("prometheus.scrape.mysql"))).isPresent();
        assertThat(doc.component(ComponentId.parse("prometheus.scrape.redis"))).isEmpty();
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.otlphttp.tempo"), "client.endpoint")).contains("\"http://tempo:4318\"");
        assertThat(doc.getSource(ComponentId.parse("loki.write.local"), "endpoint.url")).contains("\"http://loki:3100/loki/api/v1/push\"");
    }

    /** "Both": the local stack, whose Alloy also sends to Grafana Cloud (traces through its OTLP gateway). */
    static ConfigModel localAndCloud() {
        return new ConfigModel(List.of(new ConfigModel.ScrapeTarget("worker", "host.docker.internal:8787", "/metrics", Duration.ofSeconds(15))),
                Optional.of(ConfigModel.OtlpReceiver.localHttp()),
                List.of(new ConfigModel.LogFile("/var/log/app/*.log", Map.of())),
                LocalStack.defaults(true, false).withCloud(Optional.of(new GrafanaCloud(Optional.of(METRICS), Optional.of(LOGS),
                        Optional.of(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111")), EnvToken.DEFAULT))),
                Optional.of(new ConfigModel.Enrichment(Optional.empty(), Optional.of("local"))), Optional.empty(), Optional.empty());
    }

    @Test
    void bothSendsEverySignalToTheLocalStackAndToGrafanaCloud() throws Exception {
        String config = ConfigGenerator.generate(localAndCloud());
        ConfigDocument doc = ConfigDocument.parse("g", config);
        String metrics = "[prometheus.remote_write.local.receiver, prometheus.remote_write.metrics_service.receiver]";
        String logs = "[loki.write.local.receiver, loki.write.grafana_cloud_loki.receiver]";
        assertThat(doc.getSource(ComponentId.parse("prometheus.scrape.worker"), "forward_to")).contains(metrics);
        assertThat(doc.getSource(ComponentId.parse("prometheus.scrape.mysql"), "forward_to")).contains(metrics);
        assertThat(doc.getSource(ComponentId.parse("loki.source.file.app_logs"), "forward_to")).contains(logs);
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.prometheus.default"), "forward_to")).contains(metrics);
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.loki.default"), "forward_to")).contains(logs);
        // Metrics and logs from OTLP go through the same writers; traces to Tempo and to the gateway.
        assertThat(doc.getSource(ComponentId.parse("otelcol.processor.batch.default"), "output.metrics"))
                .contains("[otelcol.exporter.prometheus.default.input]");
        assertThat(doc.getSource(ComponentId.parse("otelcol.processor.batch.default"), "output.traces"))
                .contains("[otelcol.exporter.otlphttp.tempo.input, otelcol.exporter.otlphttp.grafana_cloud.input]");
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.otlphttp.grafana_cloud"), "client.endpoint"))
                .contains("\"https://otlp-gateway-prod-eu-west-2.grafana.net/otlp\"");
        assertThat(doc.getSource(ComponentId.parse("otelcol.auth.basic.grafana_cloud"), "client_auth.username")).contains("\"111\"");
        assertThat(doc.getSource(ComponentId.parse("prometheus.remote_write.metrics_service"), "endpoint.basic_auth.username"))
                .contains("\"1234567\"");
        assertThat(doc.getSource(ComponentId.parse("prometheus.remote_write.local"), "endpoint.url"))
                .contains("\"http://prometheus:9090/api/v1/write\"");
        assertThat(doc.getSource(ComponentId.parse("loki.write.grafana_cloud_loki"), "endpoint.basic_auth.password"))
                .contains("sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(doc.getSource(ComponentId.parse("otelcol.auth.basic.grafana_cloud"), "client_auth.password"))
                .contains("sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(config).doesNotContain("glc_");
    }

    @Test
    void bothWithOnlyTheOtlpGatewaySendsEveryOtlpSignalThroughIt() throws Exception {
        String config = ConfigGenerator.generate(new ConfigModel(List.of(), Optional.of(ConfigModel.OtlpReceiver.localHttp()), List.of(),
                LocalStack.defaults(false, false).withCloud(Optional.of(new GrafanaCloud(Optional.empty(), Optional.empty(),
                        Optional.of(new OtlpGateway("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111")), EnvToken.DEFAULT))),
                Optional.empty(), Optional.empty(), Optional.empty()));
        ConfigDocument doc = ConfigDocument.parse("g", config);
        ComponentId batch = ComponentId.parse("otelcol.processor.batch.default");
        assertThat(doc.getSource(batch, "output.metrics"))
                .contains("[otelcol.exporter.prometheus.default.input, otelcol.exporter.otlphttp.grafana_cloud.input]");
        assertThat(doc.getSource(batch, "output.logs"))
                .contains("[otelcol.exporter.loki.default.input, otelcol.exporter.otlphttp.grafana_cloud.input]");
        assertThat(doc.getSource(batch, "output.traces"))
                .contains("[otelcol.exporter.otlphttp.tempo.input, otelcol.exporter.otlphttp.grafana_cloud.input]");
        assertThat(doc.component(ComponentId.parse("prometheus.remote_write.metrics_service"))).isEmpty();
        assertThat(Validation.validate("g", config, LintContext.NONE).diagnostics()).as(config).isEmpty();
    }
}
