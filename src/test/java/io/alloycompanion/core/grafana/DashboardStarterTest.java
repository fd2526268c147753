package io.alloycompanion.core.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The starter dashboard bundled for the local stack only uses the datasources the stack provisions. */
class DashboardStarterTest {

    /** The uids (and their types) the app's Grafana provisioning gives the stack's datasources. */
    private static final Map<String, String> STACK_DATASOURCES = Map.of("prometheus", "prometheus", "loki", "loki", "tempo", "tempo");

    private static JsonNode starter() throws IOException {
        try (InputStream in = DashboardStarterTest.class.getResourceAsStream("/stack/dashboards/starter.json")) {
            assertThat(in).as("the starter dashboard is on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<JsonNode> panels(JsonNode container) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : container.path("panels")) {
            panels.add(panel);
            panels.addAll(panels(panel));
        }
        return panels;
    }

    @Test
    void everyPanelAndQueryUsesOneOfTheStackDatasources() throws IOException {
        JsonNode dashboard = starter();
        List<JsonNode> panels = panels(dashboard);

        assertThat(panels).hasSize(5);
        for (JsonNode panel : panels) {
            JsonNode datasource = panel.path("datasource");
            String title = panel.path("title").asText();
            assertThat(datasource.path("uid").asText()).as(title).isIn(STACK_DATASOURCES.keySet());
            assertThat(datasource.path("type").asText()).as(title).isEqualTo(STACK_DATASOURCES.get(datasource.path("uid").asText()));
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource")).as(title + " query").isEqualTo(datasource);
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            assertThat(variable.path("datasource").path("uid").asText()).isIn(STACK_DATASOURCES.keySet());
        }
    }

    @Test
    void itIsTheRedDashboardWithLogsAndTraces() throws IOException {
        JsonNode dashboard = starter();

        assertThat(dashboard.path("uid").asText()).isEqualTo("alloy-companion-starter");
        assertThat(dashboard.path("title").asText()).isEqualTo("Alloy Companion — RED metrics and logs");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("id").isNull()).isTrue();

        List<JsonNode> panels = panels(dashboard);
        List<String> prometheus = panels.stream().filter(panel -> panel.at("/datasource/uid").asText().equals("prometheus"))
                .map(panel -> panel.at("/targets/0/expr").asText()).toList();
        assertThat(prometheus).hasSize(3);
        assertThat(prometheus.get(0)).startsWith("sum by (service_name) (rate(traces_spanmetrics_calls_total{")
                .endsWith("}[$__rate_interval]))");
        assertThat(prometheus.get(1)).contains("traces_spanmetrics_calls_total{").contains("status_code=\"STATUS_CODE_ERROR\"");
        assertThat(prometheus.get(2)).startsWith("histogram_quantile(0.95, ").contains("traces_spanmetrics_duration_seconds_bucket{");
        assertThat(prometheus).allMatch(expr -> expr.contains("service_name=~\"$service\""));

        JsonNode logs = panels.stream().filter(panel -> panel.path("type").asText().equals("logs")).findFirst().orElseThrow();
        assertThat(logs.at("/datasource/uid").asText()).isEqualTo("loki");
        assertThat(logs.at("/targets/0/expr").asText()).isEqualTo("{service_name=~\"$service\"}");

        JsonNode traces = panels.stream().filter(panel -> panel.at("/datasource/uid").asText().equals("tempo")).findFirst().orElseThrow();
        assertThat(traces.path("type").asText()).isEqualTo("table");
        assertThat(traces.at("/targets/0/queryType").asText()).isEqualTo("traceql");

        JsonNode service = dashboard.at("/templating/list/0");
        assertThat(service.path("name").asText()).isEqualTo("service");
        assertThat(service.path("definition").asText()).isEqualTo("label_values(traces_spanmetrics_calls_total, service_name)");
        assertThat(service.path("allValue").asText()).as("“All” matches every service, in PromQL and LogQL alike").isEqualTo(".+");
    }
}
