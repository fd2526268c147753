package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.lint.Linter;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.config.syntax.Diagnostic.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LinterTest {

    private static List<Diagnostic> lint(String config) {
        return lint(config, LintContext.NONE);
    }

    private static List<Diagnostic> lint(String config, LintContext context) {
        ParseResult parsed = Parser.parse("test.alloy", config);
        assertThat(parsed.diagnostics()).isEmpty();
        return Linter.lint(parsed.file(), context);
    }

    private static String where(Diagnostic diagnostic) {
        return diagnostic.start().line() + ":" + diagnostic.start().column();
    }

    @Test
    void aComponentDeclaredTwiceIsAnError() {
        List<Diagnostic> findings = lint("prometheus.remote_write \"default\" {\n}\n\nprometheus.remote_write \"default\" {\n}\n");
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(where(finding)).isEqualTo("4:1");
            assertThat(finding.message()).isEqualTo("prometheus.remote_write.default is declared twice; the first is at line 1");
            assertThat(finding.suggestion()).contains("give one of them another label, e.g. prometheus.remote_write \"default_2\"");
        });
    }

    @Test
    void repeatedNestedBlocksAreFine() {
        assertThat(lint("loki.write \"a\" {\n\tendpoint {\n\t\turl = \"http://localhost:3100/loki/api/v1/push\"\n\t}\n"
                + "\tendpoint {\n\t\turl = \"http://localhost:3101/loki/api/v1/push\"\n\t}\n}\n")).isEmpty();
    }

    @Test
    void aReferenceToAComponentThatDoesNotExistSuggestsTheClosestOne() {
        String config = "prometheus.remote_write \"metrics_service\" {\n}\n\n"
                + "prometheus.scrape \"app\" {\n\ttargets    = [{\"__address__\" = \"localhost:8787\"}]\n"
                + "\tforward_to = [prometheus.remote_write.metrics_servce.receiver]\n}\n";
        assertThat(lint(config)).singleElement().satisfies(finding -> {
            assertThat(where(finding)).isEqualTo("6:16");
            assertThat(finding.message()).isEqualTo("prometheus.remote_write.metrics_servce is not declared in this config");
            assertThat(finding.suggestion()).contains("did you mean prometheus.remote_write.metrics_service?");
        });
    }

    @Test
    void referencesToDeclaredComponentsAndStdlibAreFine() {
        String config = "local.file \"key\" {\n\tfilename  = sys.env(\"HOME\") + \"/key\"\n\tis_secret = true\n}\n\n"
                + "prometheus.remote_write \"default\" {\n\tendpoint {\n\t\turl = \"http://localhost:9090/api/v1/write\"\n\n"
                + "\t\tbasic_auth {\n\t\t\tusername = \"1\"\n\t\t\tpassword = local.file.key.content\n\t\t}\n\t}\n}\n";
        assertThat(lint(config)).isEmpty();
    }

    @Test
    void plainTextSecretsAreWarningsAndCloudTokensErrors() {
        String token = "glc_" + Base64.getEncoder().encodeToString(
                "{\"o\":\"1\",\"n\":\"lint\",\"k\":\"not-a-real-key-000000\"}".getBytes(StandardCharsets.UTF_8));
        List<Diagnostic> findings = lint("basic_auth {\n\tusername = \"123\"\n\tpassword = \"hunter2\"\n}\n\n"
                + "other {\n\tbearer_token = \"" + token + "\"\n}\n");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).message()).isEqualTo("password is written in the config in plain text");
        assertThat(findings.get(0).suggestion()).hasValueSatisfying(fix -> assertThat(fix).contains("sys.env(\"GCLOUD_RW_API_KEY\")"));
        assertThat(findings.get(1).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(1).message()).contains("Grafana Cloud token");
        assertThat(where(findings.get(1))).isEqualTo("7:17");
    }

    @Test
    void deprecatedFormsSayWhatToWriteInstead() {
        List<Diagnostic> findings = lint("otelcol.auth.basic \"a\" {\n\tusername = \"1\"\n\tpassword = env(\"KEY\")\n}\n");
        assertThat(findings).extracting(Diagnostic::message).containsExactly(
                "a top-level username in otelcol.auth.basic is deprecated (Alloy 1.13+)",
                "a top-level password in otelcol.auth.basic is deprecated (Alloy 1.13+)",
                "env() is deprecated");
        assertThat(findings.get(2).suggestion()).contains("sys.env(\"KEY\")");
    }

    @Test
    void otlpReceiversOpenToTheNetworkAreFlagged() {
        List<Diagnostic> findings = lint("otelcol.receiver.otlp \"a\" {\n\tgrpc {\n\t\tendpoint = \"0.0.0.0:4317\"\n\t}\n\n"
                + "\thttp { }\n\n\toutput {\n\t}\n}\n");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).suggestion()).contains("endpoint = \"127.0.0.1:4317\" unless other machines must send to it");
        assertThat(findings.get(1).message()).isEqualTo("the OTLP http receiver listens on 0.0.0.0 (every network) by default");
        assertThat(lint("otelcol.receiver.otlp \"a\" {\n\thttp {\n\t\tendpoint = \"127.0.0.1:4318\"\n\t}\n}\n")).isEmpty();
    }

    @Test
    void aProxyAlloyWouldIgnoreIsFlaggedOnlyWhenOneIsConfigured() {
        String config = "prometheus.remote_write \"a\" {\n\tendpoint {\n"
                + "\t\turl = \"https://prometheus-prod-01-eu-west-0.grafana.net/api/prom/push\"\n\t}\n\n"
                + "\tendpoint {\n\t\turl = \"http://localhost:9090/api/v1/write\"\n\t}\n}\n";
        assertThat(lint(config)).isEmpty();
        List<Diagnostic> findings = lint(config, new LintContext(Optional.of("http://proxy.corp:3128")));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(where(finding)).isEqualTo("2:2");
            assertThat(finding.suggestion()).hasValueSatisfying(fix -> assertThat(fix).startsWith("proxy_from_environment = true"));
        });
        assertThat(lint(config.replace("\t\turl = \"https", "\t\tproxy_from_environment = true\n\t\turl = \"https"),
                new LintContext(Optional.of("http://proxy.corp:3128")))).isEmpty();
    }

    @Test
    void otelcolExportersFollowTheProxyThemselves() {
        String config = "otelcol.exporter.otlphttp \"a\" {\n\tclient {\n\t\tendpoint = \"https://otlp-gateway-prod-eu-west-2.grafana.net/otlp\"\n\t}\n}\n";
        assertThat(lint(config, new LintContext(Optional.of("http://proxy.corp:3128")))).isEmpty();
    }

    @Test
    void referencesInsideADeclareSeeThatModulesComponents() {
        String config = "declare \"pipeline\" {\n\targument \"url\" { }\n\n"
                + "\tprometheus.remote_write \"inner\" {\n\t\tendpoint {\n\t\t\turl = argument.url.value\n\t\t}\n\t}\n\n"
                + "\tprometheus.scrape \"self\" {\n\t\ttargets    = []\n\t\tforward_to = [prometheus.remote_write.inner.receiver]\n\t}\n}\n\n"
                + "prometheus.scrape \"outer\" {\n\ttargets    = []\n\tforward_to = [prometheus.remote_write.inner.receiver]\n}\n";
        assertThat(lint(config)).singleElement().satisfies(finding -> {
            assertThat(where(finding)).isEqualTo("18:16");
            assertThat(finding.message()).isEqualTo("prometheus.remote_write.inner is not declared in this config");
        });
    }

    @Test
    void anUnlabeledBlockDeclaredTwiceIsAskedToMerge() {
        assertThat(lint("logging {\n}\n\nlogging {\n}\n")).singleElement().satisfies(finding ->
                assertThat(finding.suggestion()).contains("merge the two into one block"));
    }

    @Test
    void grafanaCloudUrlsWithAWrongPathGetTheRightOne() {
        List<Diagnostic> findings = lint("a {\n\turl = \"https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom\"\n}\n\n"
                + "b {\n\turl = \"https://logs-prod-006.grafana.net\"\n}\n\n"
                + "c {\n\tendpoint = \"https://otlp-gateway-prod-eu-west-2.grafana.net/v1/traces\"\n}\n\n"
                + "d {\n\turl = \"https://logs-prod-006.grafana.net/loki/api/v1/push\"\n}\n");
        assertThat(findings).extracting(finding -> finding.suggestion().orElseThrow()).containsExactly(
                "\"https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push\"",
                "\"https://logs-prod-006.grafana.net/loki/api/v1/push\"",
                "\"https://otlp-gateway-prod-eu-west-2.grafana.net/otlp\"");
    }

    static Stream<Path> examples() {
        return TestData.files("examples", ".alloy").stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theDocumentationExamplesHaveNoErrors(Path example) {
        List<Diagnostic> findings = lint(TestData.read(example));
        assertThat(findings).filteredOn(finding -> finding.severity() == Severity.ERROR).isEmpty();
    }
}
