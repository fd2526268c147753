package io.alloycompanion.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackFilesTest {

    private final StackSettings settings = StackSettings.DEFAULTS.withRetentionDays(10).withExporters(true, false)
            .withHostPort(StackService.GRAFANA, 3001).withImage(StackService.TEMPO, "registry.local/tempo:2.8.2");
    private final Map<String, String> files = StackFiles.generate(settings);

    @Test
    void generatesEveryFileOfTheStack() {
        assertThat(files).containsOnlyKeys(StackLayout.ALLOY_CONFIG, StackLayout.TEMPO_CONFIG, StackLayout.LOKI_CONFIG,
                StackLayout.PROMETHEUS_CONFIG, StackLayout.GRAFANA_DATASOURCES, StackLayout.GRAFANA_DASHBOARD_PROVIDER,
                StackLayout.GRAFANA_STARTER_DASHBOARD, StackLayout.COMPOSE);
    }

    @Test
    void alloyReceivesOtlpOnAllInterfacesAndWritesToTheThreeBackends() throws Exception {
        String config = files.get(StackLayout.ALLOY_CONFIG);
        // Inside its container Alloy must listen on every interface; the host publishes the port on 127.0.0.1 only.
        assertThat(Validation.validate("config.alloy", config, new LintContext(Optional.empty())).diagnostics()).as(config)
                .allSatisfy(diagnostic -> {
                    assertThat(diagnostic.severity()).isEqualTo(io.alloycompanion.core.config.syntax.Diagnostic.Severity.WARNING);
                    assertThat(diagnostic.message()).contains("0.0.0.0:4318");
                });
        assertThat(Validation.validate("config.alloy", config, LintContext.NONE.inContainer()).diagnostics())
                .as("in its container, listening on every interface is right").isEmpty();
        ConfigDocument doc = ConfigDocument.parse("config.alloy", config);
        assertThat(doc.getSource(ComponentId.parse("otelcol.receiver.otlp.default"), "http.endpoint")).contains("\"0.0.0.0:4318\"");
        assertThat(doc.getSource(ComponentId.parse("otelcol.exporter.otlphttp.tempo"), "client.endpoint")).contains("\"http://tempo:4318\"");
        assertThat(doc.getSource(ComponentId.parse("loki.write.local"), "endpoint.url")).contains("\"http://loki:3100/loki/api/v1/push\"");
        assertThat(doc.getSource(ComponentId.parse("prometheus.remote_write.local"), "endpoint.url"))
                .contains("\"http://prometheus:9090/api/v1/write\"");
        assertThat(doc.component(ComponentId.parse("prometheus.scrape.mysql"))).isPresent();
        assertThat(doc.component(ComponentId.parse("prometheus.scrape.redis"))).isEmpty();
        assertThat(config).contains("deployment.environment");
    }

    @Test
    void tempoReceivesOtlpHttpAndWritesSpanMetricsToPrometheus() throws Exception {
        JsonNode tempo = StackFiles.readYaml(files.get(StackLayout.TEMPO_CONFIG));
        assertThat(tempo.at("/server/http_listen_port").asInt()).isEqualTo(3200);
        assertThat(tempo.at("/distributor/receivers/otlp/protocols/http/endpoint").asText()).isEqualTo("0.0.0.0:4318");
        assertThat(tempo.at("/compactor/compaction/block_retention").asText()).isEqualTo("240h");
        assertThat(tempo.at("/metrics_generator/storage/remote_write/0/url").asText()).isEqualTo("http://prometheus:9090/api/v1/write");
        assertThat(tempo.at("/metrics_generator/storage/remote_write/0/send_exemplars").asBoolean()).isTrue();
        assertThat(texts(tempo.at("/overrides/defaults/metrics_generator/processors"))).containsExactly("service-graphs", "span-metrics");
        assertThat(tempo.at("/storage/trace/backend").asText()).isEqualTo("local");
    }

    @Test
    void lokiKeepsStructuredMetadataAndDeletesOldData() throws Exception {
        JsonNode loki = StackFiles.readYaml(files.get(StackLayout.LOKI_CONFIG));
        assertThat(loki.at("/auth_enabled").asBoolean(true)).isFalse();
        assertThat(loki.at("/limits_config/allow_structured_metadata").asBoolean()).isTrue();
        assertThat(loki.at("/limits_config/retention_period").asText()).isEqualTo("240h");
        assertThat(loki.at("/compactor/retention_enabled").asBoolean()).isTrue();
        assertThat(loki.at("/schema_config/configs/0/schema").asText()).isEqualTo("v13");
    }

    @Test
    void prometheusScrapesItselfAndIsStartedAsARemoteWriteReceiverWithTheRetention() throws Exception {
        JsonNode prometheus = StackFiles.readYaml(files.get(StackLayout.PROMETHEUS_CONFIG));
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText()).isEqualTo("localhost:9090");
        ContainerSpec spec = StackLayout.container(settings, StackService.PROMETHEUS);
        assertThat(spec.args()).contains("--web.enable-remote-write-receiver", "--storage.tsdb.retention.time=10d",
                "--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void grafanaDatasourcesLinkTracesLogsAndMetrics() throws Exception {
        JsonNode root = StackFiles.readYaml(files.get(StackLayout.GRAFANA_DATASOURCES));
        assertThat(root.at("/apiVersion").asInt()).isEqualTo(1);
        List<String> types = new ArrayList<>();
        root.at("/datasources").forEach(ds -> types.add(ds.at("/type").asText()));
        assertThat(types).containsExactly("prometheus", "loki", "tempo").doesNotContain("jaeger");
        JsonNode prometheus = root.at("/datasources/0");
        JsonNode loki = root.at("/datasources/1");
        JsonNode tempo = root.at("/datasources/2");
        assertThat(prometheus.at("/url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(prometheus.at("/jsonData/exemplarTraceIdDestinations")).extracting(node -> node.at("/name").asText())
                .containsExactly("traceID", "trace_id");
        assertThat(prometheus.at("/jsonData/exemplarTraceIdDestinations")).allSatisfy(node ->
                assertThat(node.at("/datasourceUid").asText()).isEqualTo(tempo.at("/uid").asText()));
        assertThat(loki.at("/jsonData/derivedFields")).allSatisfy(field ->
                assertThat(field.at("/datasourceUid").asText()).isEqualTo(tempo.at("/uid").asText()));
        // Grafana reads $VAR in provisioning files as environment variables; $$ is a literal $.
        assertThat(loki.at("/jsonData/derivedFields/0/url").asText()).isEqualTo("$${__value.raw}");
        assertThat("level=info trace_id=4bf92f3577b34da6a3ce929d0e0e4736 msg=x")
                .containsPattern(loki.at("/jsonData/derivedFields/1/matcherRegex").asText());
        assertThat(tempo.at("/jsonData/tracesToLogsV2/datasourceUid").asText()).isEqualTo(loki.at("/uid").asText());
        assertThat(tempo.at("/jsonData/tracesToMetrics/datasourceUid").asText()).isEqualTo(prometheus.at("/uid").asText());
        assertThat(tempo.at("/jsonData/serviceMap/datasourceUid").asText()).isEqualTo(prometheus.at("/uid").asText());
        assertThat(tempo.at("/jsonData/nodeGraph/enabled").asBoolean()).isTrue();
    }

    @Test
    void theStarterDashboardIsProvisionedFromTheMountedFolderAndUsesTheProvisionedUids() throws Exception {
        JsonNode provider = StackFiles.readYaml(files.get(StackLayout.GRAFANA_DASHBOARD_PROVIDER));
        assertThat(provider.at("/providers/0/options/path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        assertThat(StackLayout.container(settings, StackService.TEMPO).binds())
                .containsExactly(new ContainerSpec.Bind("tempo", "/etc/tempo"));
        assertThat(StackLayout.container(settings, StackService.GRAFANA).binds())
                .contains(new ContainerSpec.Bind("grafana/dashboards", "/var/lib/grafana/dashboards"));
        JsonNode dashboard = new ObjectMapper().readTree(files.get(StackLayout.GRAFANA_STARTER_DASHBOARD));
        List<String> uids = new ArrayList<>();
        dashboard.findValues("datasource").forEach(ds -> {
            if (ds.isObject() && ds.has("uid") && !ds.get("uid").asText().startsWith("$")) {
                uids.add(ds.get("uid").asText());
            }
        });
        assertThat(uids).isNotEmpty().allMatch(uid -> List.of(StackFiles.TEMPO_UID, StackFiles.LOKI_UID, StackFiles.PROMETHEUS_UID).contains(uid));
    }

    @Test
    void theComposeFileDescribesTheSameContainersAsStackUp() throws Exception {
        JsonNode compose = StackFiles.readYaml(files.get(StackLayout.COMPOSE));
        assertThat(compose.at("/name").asText()).isEqualTo("alloy-companion");
        assertThat(compose.at("/networks/default/name").asText()).isEqualTo(settings.network());
        for (ContainerSpec spec : StackLayout.containers(settings)) {
            JsonNode service = compose.at("/services/" + spec.service().id());
            assertThat(service.at("/image").asText()).isEqualTo(spec.image());
            assertThat(service.at("/container_name").asText()).isEqualTo(spec.name());
            assertThat(texts(service.at("/command"))).containsExactlyElementsOf(spec.args());
            List<String> ports = new ArrayList<>();
            spec.ports().forEach((host, container) -> ports.add("127.0.0.1:" + host + ":" + container));
            assertThat(texts(service.at("/ports"))).containsExactlyElementsOf(ports);
            assertThat(texts(service.at("/volumes"))).contains(spec.service().volume() + ":" + spec.service().dataPath());
            spec.binds().forEach(bind -> assertThat(texts(service.at("/volumes"))).contains("./" + bind.source() + ":" + bind.target() + ":ro"));
            assertThat(compose.at("/volumes/" + spec.service().volume() + "/name").asText()).isEqualTo(spec.volume());
        }
        assertThat(compose.at("/services/tempo/image").asText()).isEqualTo("registry.local/tempo:2.8.2");
        // Compose wants user as a string.
        assertThat(compose.at("/services/tempo/user").isTextual()).isTrue();
        assertThat(files.get(StackLayout.COMPOSE)).contains("user: \"0\"");
        assertThat(texts(compose.at("/services/grafana/ports"))).containsExactly("127.0.0.1:3001:3000");
        assertThat(texts(compose.at("/services/alloy/ports"))).containsExactly("127.0.0.1:4318:4318", "127.0.0.1:12345:12345");
        assertThat(texts(compose.at("/services/alloy/depends_on"))).containsExactly("tempo", "loki", "prometheus");
    }

    @Test
    void settingsRefuseWhatDockerWouldRefuse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackSettings.DEFAULTS.withProject("My Stack"))
                .hasMessageContaining("lower-case");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackSettings.DEFAULTS.withHostPort(StackService.LOKI, 70000))
                .hasMessageContaining("70000");
        assertThat(StackSettings.DEFAULTS.image(StackService.ALLOY)).isEqualTo("grafana/alloy:v1.18.0");
        assertThat(StackSettings.DEFAULTS.publishedPorts()).containsKeys(3200, 3100, 9090, 12345, 3000, 4318);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
