package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config validate, get, set and generate through the command line. */
class ConfigCommandsTest {

    @TempDir
    Path temp;

    private StringWriter out;
    private StringWriter err;
    private Map<String, String> variables = Map.of();

    @BeforeEach
    void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, variables, temp);
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("home").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(new byte[0]));
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content);
    }

    @Test
    void validateReportsErrorsAndWarningsWithPositions() throws Exception {
        Path file = write("c.alloy", "prometheus.scrape \"a\" {\n\ttargets    = []\n\tforward_to = [prometheus.remote_write.missing.receiver]\n}\n\n"
                + "basic_auth {\n\tpassword = \"hunter2\"\n}\n");
        assertThat(run("config", "validate", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(file + ":3:16: prometheus.remote_write.missing is not declared in this config\n")
                .contains(file + ":7:13: warning: password is written in the config in plain text\n\tfix: ");
    }

    @Test
    void validateWarningsAloneExitZeroAndJsonHasSchemaVersion() throws Exception {
        Path file = write("c.alloy", "basic_auth {\n\tpassword = \"hunter2\"\n}\n");
        assertThat(run("config", "validate", "--json", file.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("warnings").asInt()).isEqualTo(1);
        assertThat(json.get("diagnostics").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(json.get("diagnostics").get(0).get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void validateSeesTheProxyInTheEnvironment() throws Exception {
        Path file = write("c.alloy", "loki.write \"a\" {\n\tendpoint {\n\t\turl = \"https://logs-prod-012.grafana.net/loki/api/v1/push\"\n\t}\n}\n");
        assertThat(run("config", "validate", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": valid\n");
        variables = Map.of("HTTPS_PROXY", "http://proxy:3128");
        reset();
        assertThat(run("config", "validate", file.toString())).isZero();
        assertThat(out.toString()).contains("warning: a proxy is configured (http://proxy:3128) but Alloy ignores it here");
    }

    @Test
    void validateSyntaxErrorsUseAlloysWording() throws Exception {
        Path file = write("c.alloy", "a = [1\n");
        assertThat(run("config", "validate", file.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith(file + ":1:7: missing ',' in expression list");
    }

    @Test
    void setAndGetWorkByComponentAndPath() throws Exception {
        Path file = write("c.alloy", "prometheus.remote_write \"metrics_service\" {\n\tendpoint {\n\t\turl = \"x\" // keep me\n\t}\n}\n");
        assertThat(run("config", "set", file.toString(), "prometheus.remote_write.metrics_service",
                "endpoint.url=https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                "endpoint.basic_auth.username=1234567",
                "endpoint.basic_auth.password:=sys.env(\"GCLOUD_RW_API_KEY\")")).as(err.toString()).isZero();
        assertThat(file).hasContent("prometheus.remote_write \"metrics_service\" {\n\tendpoint {\n"
                + "\t\turl = \"https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push\" // keep me\n\n"
                + "\t\tbasic_auth {\n\t\t\tusername = \"1234567\"\n\t\t\tpassword = sys.env(\"GCLOUD_RW_API_KEY\")\n\t\t}\n\t}\n}\n");
        assertThat(temp.resolve("c.alloy.bak")).exists();

        assertThat(run("config", "get", file.toString(), "prometheus.remote_write \"metrics_service\"", "endpoint.basic_auth.username")).isZero();
        assertThat(out.toString()).isEqualTo("\"1234567\"\n");
        assertThat(run("config", "get", file.toString(), "prometheus.remote_write.metrics_service", "endpoint.nothing")).isEqualTo(1);
        assertThat(run("config", "set", file.toString(), "loki.write.x", "a=b")).isEqualTo(1);
        assertThat(err.toString()).contains("loki.write.x is not declared in");
    }

    @Test
    void setRefusesSecretsOnTheCommandLineAndAnythingButOneExpression() throws Exception {
        Path file = write("c.alloy", "loki.write \"a\" {\n\tendpoint {\n\t\turl = \"x\"\n\t}\n}\n");
        String before = Files.readString(file);
        assertThat(run("config", "set", file.toString(), "loki.write.a", "endpoint.basic_auth.password=hunter2")).isEqualTo(2);
        assertThat(err.toString()).contains("not writing a secret").contains("sys.env");
        assertThat(run("config", "set", file.toString(), "loki.write.a", "endpoint.url:=1\nzz = 3")).isEqualTo(1);
        assertThat(err.toString()).contains("is not one Alloy expression");
        assertThat(file).hasContent(before);
    }

    @Test
    void generateWritesAValidConfigAtomically() throws Exception {
        Path target = temp.resolve("out/config.alloy");
        assertThat(run("config", "generate", "--metrics-url", "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                "--metrics-username", "1234567", "--scrape", "worker=localhost:8787/metrics@15s", "--out", target.toString()))
                .as(err.toString()).isZero();
        reset();
        assertThat(run("config", "validate", target.toString())).isZero();
        assertThat(out.toString()).isEqualTo(target + ": valid\n");
        reset();
        assertThat(run("config", "fmt", "-t", target.toString())).isZero();
    }

    @Test
    void generateRefusesATokenFileInsideAGitWorkTree() throws Exception {
        Files.createDirectories(temp.resolve("repo/.git"));
        assertThat(run("config", "generate", "--metrics-url", "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                "--metrics-username", "1", "--token-file", temp.resolve("repo/grafana-token.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("inside the git work tree");
        assertThat(run("config", "generate", "--metrics-url", "u")).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-username is required");
    }

    @Test
    void generateSetsProxyFromEnvironmentWhenAProxyIsSetOrAsked() throws Exception {
        String[] args = {"config", "generate", "--metrics-url", "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                "--metrics-username", "1234567", "--logs-url", "https://logs-prod-012.grafana.net/loki/api/v1/push",
                "--logs-username", "7654321", "--otlp-gateway-url", "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp",
                "--otlp-username", "42"};
        assertThat(run(args)).isZero();
        assertThat(out.toString()).doesNotContain("proxy_from_environment");

        variables = Map.of("https_proxy", "http://proxy.corp:3128");
        reset();
        assertThat(run(args)).isZero();
        String generated = out.toString();
        assertThat(generated.split("proxy_from_environment = true", -1)).hasSize(3);
        assertThat(err.toString()).contains("A proxy is set (http://proxy.corp:3128)").contains("NO_PROXY=localhost,127.0.0.1");
        Path file = write("proxied.alloy", generated);
        reset();
        // validate sees the same proxy and finds no endpoint that would ignore it
        assertThat(run("config", "validate", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": valid\n");
        reset();
        assertThat(run("config", "fmt", "-t", file.toString())).isZero();

        reset();
        assertThat(run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--no-proxy-from-environment"))
                .toArray(String[]::new))).isZero();
        assertThat(out.toString()).doesNotContain("proxy_from_environment");

        variables = Map.of();
        reset();
        assertThat(run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--proxy-from-environment"))
                .toArray(String[]::new))).isZero();
        assertThat(out.toString().split("proxy_from_environment = true", -1)).hasSize(3);
        assertThat(err.toString()).isEmpty();
    }
}
