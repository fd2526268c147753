package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.edit.ConfigEditException;
import io.alloycompanion.core.config.edit.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDocumentTest {

    private static final String CONFIG = String.join("\n",
            "// Metrics to Grafana Cloud.",
            "prometheus.remote_write \"metrics_service\" {",
            "  endpoint {",
            "    url = \"https://example.invalid/api/prom/push\" // set me",
            "",
            "    basic_auth {",
            "      username = \"0\"",
            "    }",
            "  }",
            "}",
            "",
            "prometheus.scrape \"app\" {",
            "  targets    = [{\"__address__\" = \"localhost:8787\"}]",
            "  forward_to = [prometheus.remote_write.metrics_service.receiver]",
            "}",
            "");

    private static ConfigDocument doc() throws ConfigEditException {
        return ConfigDocument.parse("config.alloy", CONFIG);
    }

    private static final ComponentId RW = ComponentId.parse("prometheus.remote_write \"metrics_service\"");

    @Test
    void findsComponentsByEitherSpelling() throws Exception {
        assertThat(doc().component(RW)).isPresent();
        assertThat(doc().component(ComponentId.parse("prometheus.remote_write.metrics_service"))).isPresent();
        assertThat(doc().component(ComponentId.parse("prometheus.remote_write.other"))).isEmpty();
        assertThat(doc().getSource(RW, "endpoint.basic_auth.username")).contains("\"0\"");
        assertThat(doc().getSource(RW, "endpoint.basic_auth.password")).isEmpty();
    }

    @Test
    void settingAnExistingValueChangesOnlyTheValue() throws Exception {
        String edited = doc().set(RW, "endpoint.url",
                Value.string("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push")).text();
        assertThat(edited).isEqualTo(CONFIG.replace("https://example.invalid/api/prom/push",
                "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"));
    }

    @Test
    void valuesAreEscaped() throws Exception {
        String edited = doc().set(RW, "endpoint.basic_auth.username", Value.string("a \"quoted\"\\name\n")).text();
        assertThat(edited).contains("username = \"a \\\"quoted\\\"\\\\name\\n\"");
        assertThat(ConfigDocument.parse("x", edited).getSource(RW, "endpoint.basic_auth.username"))
                .contains("\"a \\\"quoted\\\"\\\\name\\n\"");
    }

    @Test
    void aMissingAttributeIsAddedOnItsOwnLineInTheFilesIndentation() throws Exception {
        String edited = doc().set(RW, "endpoint.basic_auth.password", Value.expression("sys.env(\"GCLOUD_RW_API_KEY\")")).text();
        assertThat(edited).isEqualTo(CONFIG.replace("      username = \"0\"\n",
                "      username = \"0\"\n      password = sys.env(\"GCLOUD_RW_API_KEY\")\n"));
    }

    @Test
    void missingBlocksOnThePathAreCreated() throws Exception {
        String edited = doc().set(RW, "queue_config.capacity", new Value.Num(10000)).set(RW, "endpoint.tls_config.insecure_skip_verify", new Value.Bool(false)).text();
        assertThat(edited).isEqualTo(CONFIG.replace("      username = \"0\"\n    }\n  }\n}\n",
                "      username = \"0\"\n    }\n\n    tls_config {\n      insecure_skip_verify = false\n    }\n  }\n\n"
                        + "  queue_config {\n    capacity = 10000\n  }\n}\n"));
    }

    @Test
    void anEmptyOneLineBlockOpensUp() throws Exception {
        ConfigDocument doc = ConfigDocument.parse("x", "logging { }\n");
        assertThat(doc.set(ComponentId.parse("logging"), "level", Value.string("info")).text())
                .isEqualTo("logging {\n\tlevel = \"info\"\n}\n");
    }

    @Test
    void oneLineBlocksWithContentOpenUpInsteadOfSpillingOut() throws Exception {
        ConfigDocument doc = ConfigDocument.parse("x", "foo \"x\" { a = 1 }\n");
        assertThat(doc.set(ComponentId.parse("foo.x"), "b", Value.string("2")).text())
                .isEqualTo("foo \"x\" {\n\ta = 1\n\tb = \"2\"\n}\n");
        ConfigDocument nested = ConfigDocument.parse("x", "loki.write \"a\" {\n\tendpoint { url = \"u\" }\n}\n");
        String edited = nested.set(ComponentId.parse("loki.write.a"), "endpoint.basic_auth.username", Value.string("1")).text();
        assertThat(ConfigDocument.parse("y", edited).getSource(ComponentId.parse("loki.write.a"), "endpoint.basic_auth.username"))
                .contains("\"1\"");
        assertThat(ConfigDocument.parse("y", edited).getSource(ComponentId.parse("loki.write.a"), "endpoint.url")).contains("\"u\"");
    }

    @Test
    void removingDropsTheLineAndKeepsTheRest() throws Exception {
        String edited = doc().remove(RW, "endpoint.basic_auth").text();
        assertThat(edited).isEqualTo(CONFIG.replace("\n    basic_auth {\n      username = \"0\"\n    }\n", "\n"));
        String withoutComponent = doc().removeComponent(ComponentId.parse("prometheus.scrape.app")).text();
        assertThat(withoutComponent).isEqualTo(CONFIG.substring(0, CONFIG.indexOf("\nprometheus.scrape")));
    }

    @Test
    void renamingALabelUpdatesEveryReference() throws Exception {
        String edited = doc().renameLabel(RW, "grafana_cloud").text();
        assertThat(edited).isEqualTo(CONFIG.replace("\"metrics_service\"", "\"grafana_cloud\"")
                .replace("remote_write.metrics_service.receiver", "remote_write.grafana_cloud.receiver"));
    }

    @Test
    void addingABlockSeparatesItWithABlankLine() throws Exception {
        String edited = doc().addBlock("logging {\n\tlevel = \"info\"\n}").text();
        assertThat(edited).isEqualTo(CONFIG + "\nlogging {\n\tlevel = \"info\"\n}\n");
    }

    @Test
    void typedValuesRenderAsAlloySource() {
        assertThat(new Value.ListOf(List.of(Value.string("a"), new Value.Num(2), new Value.Null())).render()).isEqualTo("[\"a\", 2, null]");
        assertThat(new Value.MapOf(Map.of("__address__", Value.string("localhost:8787"))).render())
                .isEqualTo("{ __address__ = \"localhost:8787\" }");
        assertThat(new Value.MapOf(Map.of("job name", Value.string("x"))).render()).isEqualTo("{ \"job name\" = \"x\" }");
    }

    @Test
    void editsThatCannotBeMadeSayWhy() throws Exception {
        assertThatThrownBy(() -> doc().set(ComponentId.parse("loki.write.default"), "endpoint.url", Value.string("x")))
                .isInstanceOf(ConfigEditException.class).hasMessage("loki.write.default is not declared in config.alloy");
        assertThatThrownBy(() -> doc().set(RW, "endpoint.url", Value.expression("[1, ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one Alloy expression");
        assertThatThrownBy(() -> Value.expression("1\nzz = 3")).hasMessageContaining("is not one Alloy expression");
        assertThatThrownBy(() -> doc().renameLabel(RW, "not valid"))
                .isInstanceOf(ConfigEditException.class).hasMessageContaining("not a valid label");
        assertThatThrownBy(() -> ConfigDocument.parse("bad.alloy", "a = [1\n"))
                .isInstanceOf(ConfigEditException.class).hasMessageContaining("syntax errors");
    }
}
