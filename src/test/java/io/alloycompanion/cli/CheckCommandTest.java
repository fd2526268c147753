package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.testsupport.AlloyStandIn;
import io.alloycompanion.testsupport.FakeLocalStack;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} in-process against a real set-up: the Alloy stand-in running as its own process, a scrape target and
 * a "Grafana Cloud" (metrics accepted, logs refused with 401) on loopback, a profile whose token is in a memory store.
 */
class CheckCommandTest {

    private static final String TOKEN = FakeTokens.cloud("1234567", "laptop", "prod-us-east-0");

    @TempDir
    Path temp;

    private MockWebServer cloud;
    private MockWebServer app;
    private Process alloy;
    private String listen;
    private Path binary;
    private final MemorySecretStore store = new MemorySecretStore();
    private final List<RecordedRequest> queries = new CopyOnWriteArrayList<>();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        cloud = new MockWebServer();
        cloud.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().equals("/api/prom/push")) {
                    return new MockResponse().setResponseCode(204);
                }
                if (request.getPath().equals("/loki/api/v1/push")) {
                    return new MockResponse().setResponseCode(401).setBody("{\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
                }
                if (request.getPath().startsWith("/api/prom/api/v1/query?")) {
                    queries.add(request);
                    double now = System.currentTimeMillis() / 1000.0;
                    return new MockResponse().setBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                            + "{\"metric\":{\"alloy_companion_metric\":\"up\",\"job\":\"prometheus.scrape.worker\",\"instance\":"
                            + "\"127.0.0.1:8080\"},\"value\":[" + now + ",\"" + (now - 12) + "\"]}]}}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        cloud.start(InetAddress.getLoopbackAddress(), 0);
        app = new MockWebServer();
        app.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getPath().equals("/metrics")
                        ? new MockResponse().setBody("# TYPE worker_jobs_total counter\nworker_jobs_total 42\nup 1\n")
                        : new MockResponse().setResponseCode(404);
            }
        });
        app.start(InetAddress.getLoopbackAddress(), 0);
        binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        try (ServerSocket socket = new ServerSocket(0)) {
            listen = "127.0.0.1:" + socket.getLocalPort();
        }
        Files.createDirectories(temp.resolve("app/config"));
    }

    @AfterEach
    void stop() throws Exception {
        if (alloy != null) {
            alloy.destroy();
            alloy.waitFor();
        }
        if (cloud != null) {
            cloud.shutdown();
            app.shutdown();
        }
    }

    private Path config(String remoteWriteUser) throws Exception {
        String text = "prometheus.remote_write \"metrics_service\" {\n  endpoint {\n    url = \"" + cloud.url("/api/prom/push") + "\"\n\n"
                + "    basic_auth {\n      username = \"" + remoteWriteUser + "\"\n      password = sys.env(\"GCLOUD_RW_API_KEY\")\n    }\n  }\n}\n\n"
                + "prometheus.scrape \"worker\" {\n  targets    = [{\"__address__\" = \"127.0.0.1:" + app.getPort() + "\"}]\n"
                + "  forward_to = [prometheus.remote_write.metrics_service.receiver]\n}\n";
        return Files.writeString(temp.resolve("project/config.alloy".replace('/', java.io.File.separatorChar)).toAbsolutePath(),
                text, StandardCharsets.UTF_8);
    }

    private void startAlloy(Path config) throws Exception {
        alloy = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                .redirectErrorStream(true).redirectOutput(temp.resolve("alloy.log").toFile()).start();
        AlloyApi api = new AlloyApi(AlloyApi.loopbackClient(), listen);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (api.ready().ok() && api.metrics().contains("prometheus_remote_storage_samples_total{component_id=\"prometheus.remote_write.default\"} 1")) {
                    return;
                }
            } catch (AlloyApi.Unreachable e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the stand-in did not get ready and send: " + Files.readString(temp.resolve("alloy.log")));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.current(), Architecture.AMD64, Map.of("PATH", "/usr/bin:/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(new byte[0]), location -> store);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private void addProfile() {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream((TOKEN + "\n").getBytes(StandardCharsets.UTF_8)), location -> store);
        int code = Cli.run(context, new PrintWriter(out), new PrintWriter(err), "credentials", "add", "--profile", "dev",
                "--metrics-url", cloud.url("/api/prom/push").toString(), "--metrics-user", "1234567",
                "--logs-url", cloud.url("/loki/api/v1/push").toString(), "--logs-user", "765432", "--token-stdin");
        assertThat(code).as(err.toString()).isZero();
    }

    private Map<String, JsonNode> checks(String json) throws Exception {
        JsonNode document = new ObjectMapper().readTree(json);
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        document.get("checks").forEach(check -> byId.put(check.get("id").asText(), check));
        return byId;
    }

    @Test
    void everyItemIsReportedWithItsStatusAndEvidence() throws Exception {
        Files.createDirectories(temp.resolve("project"));
        Path config = config("1234567");
        addProfile();
        startAlloy(config);

        int code = run("check", "--json", "--config", config.toString(), "--listen", listen, "--alloy-binary", binary.toString(),
                "--frontend", app.url("/").toString(), "--project", temp.resolve("project").toString());
        Map<String, JsonNode> checks = checks(out.toString());

        assertThat(checks.keySet()).containsExactly("alloy-installed", "credentials-token", "credentials-leaks", "config-valid",
                "config-endpoints", "agent-running", "agent-errors", "scrape-targets", "otlp-receiver", "frontend-url",
                "cloud-metrics", "cloud-logs", "cloud-traces", "cloud-otlp", "alloy-metrics-sent", "alloy-spans-sent",
                "cloud-metrics-visible", "cloud-logs-visible", "cloud-traces-visible", "cloud-dashboard");
        Map<String, String> statuses = new LinkedHashMap<>();
        checks.forEach((id, check) -> statuses.put(id, check.get("status").asText()));
        assertThat(statuses).containsExactly(Map.entry("alloy-installed", "pass"), Map.entry("credentials-token", "pass"),
                Map.entry("credentials-leaks", "pass"), Map.entry("config-valid", "pass"), Map.entry("config-endpoints", "pass"),
                Map.entry("agent-running", "pass"), Map.entry("agent-errors", "skipped"), Map.entry("scrape-targets", "pass"),
                Map.entry("otlp-receiver", "skipped"), Map.entry("frontend-url", "pass"), Map.entry("cloud-metrics", "pass"),
                Map.entry("cloud-logs", "fail"), Map.entry("cloud-traces", "skipped"), Map.entry("cloud-otlp", "skipped"),
                Map.entry("alloy-metrics-sent", "pass"), Map.entry("alloy-spans-sent", "skipped"),
                Map.entry("cloud-metrics-visible", "skipped"), Map.entry("cloud-logs-visible", "skipped"),
                Map.entry("cloud-traces-visible", "skipped"), Map.entry("cloud-dashboard", "skipped"));
        assertThat(code).as("the logs credentials fail").isEqualTo(1);

        assertThat(checks.get("alloy-installed").get("evidence").get("version").asText()).isEqualTo("v1.18.0");
        assertThat(checks.get("credentials-token").get("summary").asText()).isEqualTo("Profile dev has its token in its store, not in a file.");
        assertThat(checks.get("scrape-targets").get("evidence").get("http://127.0.0.1:" + app.getPort() + "/metrics").asText())
                .isEqualTo("200, 2 samples");
        assertThat(checks.get("agent-running").get("evidence").get("version").asText()).isEqualTo("v1.18.0");
        assertThat(checks.get("cloud-logs").get("summary").asText()).contains("765432").contains("hlInstanceId");
        assertThat(checks.get("cloud-logs").get("fix").get("id").asText()).isEqualTo("open-credentials");
        assertThat(checks.get("cloud-metrics-visible").get("summary").asText()).startsWith("Profile dev has no read token.");
        assertThat(checks.get("cloud-logs-visible").get("summary").asText()).isEqualTo("Not checked: needs “Grafana Cloud accepts logs” first.");
        assertThat(Long.parseLong(checks.get("alloy-metrics-sent").get("evidence").get("prometheus_remote_storage_samples_total").asText()))
                .isPositive();
        assertThat(out.toString() + err).doesNotContain(TOKEN);
    }

    @Test
    void withAReadTokenTheMetricsAreReadBackFromTheQueryApi() throws Exception {
        Files.createDirectories(temp.resolve("project"));
        Path config = config("1234567");
        addProfile();
        String readToken = FakeTokens.cloud("1234567", "reader", "prod-us-east-0");
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream((readToken + "\n").getBytes(StandardCharsets.UTF_8)), location -> store);
        assertThat(Cli.run(context, new PrintWriter(out), new PrintWriter(err), "credentials", "read-token", "--profile", "dev",
                "--token-stdin")).as(err.toString()).isZero();

        int code = run("check", "--json", "--only", "cloud-metrics,cloud-metrics-visible,cloud-traces-visible", "--config",
                config.toString());
        Map<String, JsonNode> checks = checks(out.toString());

        assertThat(code).as(out.toString()).isZero();
        JsonNode visible = checks.get("cloud-metrics-visible");
        assertThat(visible.get("status").asText()).isEqualTo("pass");
        assertThat(visible.get("title").asText()).isEqualTo("Metrics can be read back from Grafana Cloud");
        assertThat(visible.get("summary").asText()).startsWith("1 series from this set-up in the last 5 minutes; newest sample at ");
        assertThat(visible.get("evidence").get("found").asText()).isEqualTo("up{job=\"prometheus.scrape.worker\"}");
        assertThat(visible.get("evidence").get("url").asText()).startsWith(cloud.url("/api/prom/api/v1/query?query=").toString());
        assertThat(checks.get("cloud-traces-visible").get("status").asText()).isEqualTo("skipped");
        assertThat(queries).hasSize(1);
        assertThat(queries.get(0).getHeader("Authorization")).isEqualTo(okhttp3.Credentials.basic("1234567", readToken));
        assertThat(out.toString() + err).doesNotContain(readToken).doesNotContain(TOKEN);

        assertThat(run("check", "--only", "cloud-metrics-visible", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("ok    cloud-metrics-visible").contains("Metrics can be read back from Grafana Cloud");
    }

    @Test
    void aWrongUsernameInTheConfigAndAStoppedAgentFailWithTheirFixes() throws Exception {
        Files.createDirectories(temp.resolve("project"));
        Path config = config("7654321");
        addProfile();

        int code = run("check", "--json", "--config", config.toString(), "--listen", listen, "--alloy-binary", binary.toString());
        Map<String, JsonNode> checks = checks(out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(checks.get("config-endpoints").get("status").asText()).isEqualTo("fail");
        assertThat(checks.get("config-endpoints").get("summary").asText())
                .isEqualTo("Missing or wrong: prometheus.remote_write.metrics_service: basic_auth.username 7654321 ≠ 1234567");
        assertThat(checks.get("agent-running").get("status").asText()).isEqualTo("fail");
        assertThat(checks.get("agent-running").get("fix").get("command").asText()).isEqualTo("alloy-companion run");
        assertThat(checks.get("alloy-metrics-sent").get("status").asText()).isEqualTo("skipped");
        assertThat(checks.get("alloy-metrics-sent").get("summary").asText()).isEqualTo("Not checked: needs “Alloy running without errors” first.");
        assertThat(checks.get("frontend-url").get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void onlyRunsTheNamedChecksAndRefusesUnknownOnes() throws Exception {
        Files.createDirectories(temp.resolve("project"));
        Path config = config("1234567");

        assertThat(run("check", "--only", "config-valid,scrape-targets", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("ok    config-valid").contains("ok    scrape-targets").doesNotContain("agent-running")
                .contains("2 pass, 0 warn, 0 fail, 0 skipped");

        // The documentation's example: a local Loki needs no username, the Grafana Cloud one still has its placeholder.
        Path example = Path.of("src/test/resources/alloy-reference/examples/11-loki-write-grafana-cloud-basic-auth.alloy");
        assertThat(run("check", "--only", "config-endpoints", "--config", example.toAbsolutePath().toString())).isEqualTo(1);
        assertThat(out.toString()).contains("Missing or wrong: loki.write.default #2: basic_auth.username = \"<USERNAME>\"")
                .doesNotContain("#1:");

        // URLs and usernames set by expressions are Alloy's to resolve: filled, not checked.
        Path expressions = Files.writeString(temp.resolve("project/env.alloy"), "prometheus.remote_write \"metrics_service\" {\n"
                + "  endpoint {\n    url = sys.env(\"PROM_URL\")\n\n    basic_auth {\n      username = sys.env(\"PROM_USER\")\n"
                + "      password = sys.env(\"GCLOUD_RW_API_KEY\")\n    }\n  }\n}\n");
        assertThat(run("check", "--only", "config-endpoints", "--config", expressions.toString())).isZero();
        assertThat(out.toString()).contains("ok    config-endpoints");

        assertThat(run("check", "--profile", "nosuch", "--only", "config-valid")).as("an unknown profile is a usage error").isEqualTo(2);
        assertThat(err.toString()).contains("nosuch");

        // A token in a file git tracks in the project fails the leak check, naming the file and line.
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.writeString(repo.resolve("notes.txt"), "my token\n" + TOKEN + "\n");
        for (String[] git : new String[][] {{"git", "init", "-q"}, {"git", "add", "notes.txt"}}) {
            assertThat(new ProcessBuilder(git).directory(repo.toFile()).start().waitFor()).isZero();
        }
        assertThat(run("check", "--only", "credentials-leaks", "--project", repo.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  credentials-leaks").contains("notes.txt:2").doesNotContain(TOKEN);

        assertThat(run("check", "--only", "config-valid,nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no check called nope").contains("agent-running");
    }

    @Test
    void aLocalStackIsCheckedFromItsFolderInsteadOfTheCloudSetUp() throws Exception {
        try (FakeLocalStack stack = new FakeLocalStack()) {
            stack.spanMetrics();
            stack.addLog(Map.of("service_name", "checkout"), Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"), "GET /cart 200");
            Path dir = temp.resolve("my stack");
            Files.createDirectories(dir.resolve(".alloy-companion"));
            // As the stack's settings are kept: Jackson's JSON of StackSettings.
            new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                    .writeValue(dir.resolve(".alloy-companion/stack.json").toFile(), stack.settings());

            int code = run("check", "--stack-dir", dir.toString(), "--json");
            JsonNode document = new ObjectMapper().readTree(out.toString());
            Map<String, JsonNode> checks = checks(out.toString());

            assertThat(code).as(out + err.toString()).isZero();
            assertThat(document.get("mode").asText()).isEqualTo("local-stack");
            assertThat(document.get("stackDir").asText()).isEqualTo(dir.toAbsolutePath().toString());
            assertThat(document.get("stackSettings").asText()).isEqualTo(dir.resolve(".alloy-companion/stack.json").toAbsolutePath().toString());
            assertThat(document.get("hostPorts").get("grafana").asInt()).isEqualTo(stack.port(StackService.GRAFANA));
            assertThat(document.get("passed").asBoolean()).isTrue();
            assertThat(checks.keySet()).containsExactly("stack-alloy-ready", "stack-tempo-ready", "stack-loki-ready",
                    "stack-prometheus-ready", "stack-grafana-health", "stack-datasources", "stack-correlation", "stack-dashboard", "stack-red-metrics",
                    "stack-exporters-scraped", "stack-host-targets", "stack-logs-trace-id");
            Map<String, String> statuses = new LinkedHashMap<>();
            checks.forEach((id, check) -> statuses.put(id, check.get("status").asText()));
            assertThat(statuses).containsExactly(Map.entry("stack-alloy-ready", "pass"), Map.entry("stack-tempo-ready", "pass"),
                    Map.entry("stack-loki-ready", "pass"), Map.entry("stack-prometheus-ready", "pass"),
                    Map.entry("stack-grafana-health", "pass"), Map.entry("stack-datasources", "pass"),
                    Map.entry("stack-correlation", "pass"), Map.entry("stack-dashboard", "pass"), Map.entry("stack-red-metrics", "pass"),
                    Map.entry("stack-exporters-scraped", "skipped"), Map.entry("stack-host-targets", "skipped"),
                    Map.entry("stack-logs-trace-id", "pass"));
            assertThat(checks.get("stack-grafana-health").get("evidence").get("version").asText()).isEqualTo("12.1.1");
            assertThat(checks.get("stack-grafana-health").get("title").asText()).isEqualTo("Grafana healthy");
            assertThat(checks.get("stack-red-metrics").get("evidence").get("series").asText()).isEqualTo("4");

            stack.stop(StackService.TEMPO);
            code = run("check", "--stack-dir", dir.toString(), "--json");
            checks = checks(out.toString());
            assertThat(code).isEqualTo(1);
            assertThat(checks.get("stack-tempo-ready").get("status").asText()).isEqualTo("fail");
            assertThat(checks.get("stack-tempo-ready").get("summary").asText())
                    .isEqualTo("Nothing answers at http://127.0.0.1:" + stack.port(StackService.TEMPO)
                            + "/ready: Tempo is not running. Start the stack (alloy-companion stack up).");
            assertThat(checks.get("stack-tempo-ready").get("fix").get("id").asText()).isEqualTo("start-stack");
            assertThat(checks.get("stack-tempo-ready").get("fix").get("command").asText()).isEqualTo("alloy-companion stack up --dir DIR");

            assertThat(run("check", "--stack-dir", dir.toString(), "--only", "stack-grafana-health,stack-datasources")).isZero();
            assertThat(out.toString()).startsWith("Local stack, ports from " + dir.resolve(".alloy-companion/stack.json").toAbsolutePath())
                    .contains("ok    stack-grafana-health").contains("ok    stack-datasources").doesNotContain("stack-tempo-ready")
                    .contains("2 pass, 0 warn, 0 fail, 0 skipped");

            assertThat(run("check", "--stack-dir", dir.toString(), "--only", "agent-running")).isEqualTo(2);
            assertThat(err.toString()).contains("no check called agent-running").contains("stack-alloy-ready");
        }
    }

    @Test
    void aStackThatAlsoSendsToGrafanaCloudIsCheckedForBothAndItsFolderNeverHoldsTheToken() throws Exception {
        addProfile();
        try (FakeLocalStack stack = new FakeLocalStack()) {
            Path dir = temp.resolve("both");
            assertThat(run("stack", "init", "--dir", dir.toString(), "--cloud-profile", "nope")).isEqualTo(2);
            assertThat(err.toString()).contains("nope");
            assertThat(run("stack", "init", "--dir", dir.toString(), "--cloud-profile", "dev", "--no-cloud")).isEqualTo(2);

            assertThat(run("stack", "init", "--dir", dir.toString(), "--cloud-profile", "dev")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Also sends to Grafana Cloud with the profile dev");
            String config = Files.readString(dir.resolve("alloy/config.alloy"));
            assertThat(config).contains(cloud.url("/api/prom/push").toString()).contains(cloud.url("/loki/api/v1/push").toString())
                    .contains("sys.env(\"GCLOUD_RW_API_KEY\")")
                    .contains("forward_to = [prometheus.remote_write.local.receiver, prometheus.remote_write.metrics_service.receiver]");
            assertThat(Files.readString(dir.resolve("docker-compose.yml"))).contains("GCLOUD_RW_API_KEY: \"${GCLOUD_RW_API_KEY}\"");
            try (var files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TOKEN);
                }
            }
            // The stack's ports are the fake's: the settings as `stack init` wrote them, with the fake's ports.
            var folder = new io.alloycompanion.core.stack.StackFolder(dir);
            var written = folder.readSettings().orElseThrow();
            assertThat(written.cloud()).isPresent();
            assertThat(written.cloud().get().profile()).isEqualTo("dev");
            var onFake = stack.settings().withCloud(written.cloud());
            folder.write(onFake);

            int code = run("check", "--stack-dir", dir.toString(), "--json");
            JsonNode document = new ObjectMapper().readTree(out.toString());
            Map<String, JsonNode> checks = checks(out.toString());

            assertThat(document.get("mode").asText()).isEqualTo("both");
            assertThat(document.get("profile").asText()).isEqualTo("dev");
            assertThat(checks.keySet()).containsExactly("stack-alloy-ready", "stack-tempo-ready", "stack-loki-ready",
                    "stack-prometheus-ready", "stack-grafana-health", "stack-datasources", "stack-correlation", "stack-dashboard",
                    "stack-red-metrics", "stack-exporters-scraped", "stack-host-targets", "stack-logs-trace-id",
                    "credentials-token", "credentials-leaks", "config-valid", "config-endpoints", "cloud-metrics", "cloud-logs",
                    "cloud-traces", "cloud-otlp", "alloy-metrics-sent", "alloy-spans-sent", "cloud-metrics-visible",
                    "cloud-logs-visible", "cloud-traces-visible", "cloud-dashboard");
            assertThat(checks.get("credentials-token").get("status").asText()).isEqualTo("pass");
            assertThat(checks.get("config-valid").get("status").asText()).as(checks.get("config-valid").toString()).isEqualTo("pass");
            assertThat(checks.get("config-valid").get("evidence").get("file").asText())
                    .isEqualTo(dir.resolve("alloy/config.alloy").toAbsolutePath().toString());
            assertThat(checks.get("config-endpoints").get("status").asText()).as(checks.get("config-endpoints").toString()).isEqualTo("pass");
            assertThat(checks.get("cloud-metrics").get("status").asText()).isEqualTo("pass");
            assertThat(checks.get("cloud-logs").get("status").asText()).isEqualTo("fail");
            // Waits on the stack's Alloy, not on an agent on this computer, and asks the stack's Alloy.
            assertThat(checks.get("alloy-metrics-sent").get("status").asText()).isNotEqualTo("skipped");
            assertThat(stack.asked.get(StackService.ALLOY)).contains("/metrics");
            assertThat(code).as("the logs credentials fail").isEqualTo(1);

            stack.stop(StackService.ALLOY);
            run("check", "--stack-dir", dir.toString(), "--json", "--only", "stack-alloy-ready,alloy-metrics-sent");
            checks = checks(out.toString());
            assertThat(checks.get("stack-alloy-ready").get("status").asText()).isEqualTo("fail");
            assertThat(checks.get("alloy-metrics-sent").get("status").asText()).isEqualTo("skipped");

            assertThat(run("stack", "init", "--dir", dir.toString(), "--no-cloud")).isZero();
            assertThat(folder.readSettings().orElseThrow().cloud()).isEmpty();
            assertThat(Files.readString(dir.resolve(".alloy-companion/stack.json"))).doesNotContain("cloud");
            assertThat(Files.readString(dir.resolve("alloy/config.alloy"))).doesNotContain("GCLOUD_RW_API_KEY\")").doesNotContain("metrics_service");
        }
    }

    @Test
    void stackInitTakesProgramsAndLogFilesOfThisComputerAndRefusesBadLinesByNumber() throws Exception {
        Path dir = temp.resolve("host");
        Path logs = Files.createDirectories(temp.resolve("logs"));
        assertThat(run("stack", "init", "--dir", dir.toString(), "--scrape", "worker=localhost:8787", "--scrape", "oops",
                "--log-file", "relative.log")).isEqualTo(2);
        assertThat(err.toString()).contains("--scrape 2 (oops): expected job=host:port")
                .contains("--log-file 1 (relative.log): expected an absolute path");
        assertThat(dir.resolve(".alloy-companion/stack.json")).doesNotExist();

        assertThat(run("stack", "init", "--dir", dir.toString(), "--scrape", "worker=localhost:8787",
                "--log-file", logs + "/*.log")).as(err.toString()).isZero();
        String config = Files.readString(dir.resolve("alloy/config.alloy"));
        assertThat(config).contains("\"__address__\" = \"host.docker.internal:8787\"").contains("\"__path__\" = \"/host/logs/0/*.log\"");
        assertThat(Files.readString(dir.resolve("docker-compose.yml"))).contains("- " + logs + ":/host/logs/0:ro");

        // Other options keep the lists; an empty --scrape empties that one only.
        assertThat(run("stack", "init", "--dir", dir.toString(), "--retention-days", "3")).isZero();
        assertThat(new io.alloycompanion.core.stack.StackFolder(dir).readSettings().orElseThrow().hostSources().scrapes()).hasSize(1);
        assertThat(run("stack", "init", "--dir", dir.toString(), "--scrape", "")).isZero();
        var sources = new io.alloycompanion.core.stack.StackFolder(dir).readSettings().orElseThrow().hostSources();
        assertThat(sources.scrapes()).isEmpty();
        assertThat(sources.logFiles()).containsExactly(logs + "/*.log");
    }

    @Test
    void aStackFolderWithoutSettingsMeansTheDefaultPortsAndUnreadableSettingsAreAUsageError() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("fresh"));
        assertThat(run("check", "--stack-dir", dir.toString(), "--json", "--only", "stack-exporters-scraped")).isZero();
        JsonNode document = new ObjectMapper().readTree(out.toString());
        assertThat(document.get("stackSettings").asText()).isEqualTo("defaults");
        assertThat(document.get("hostPorts").get("grafana").asInt()).isEqualTo(3000);
        assertThat(document.get("hostPorts").get("prometheus").asInt()).isEqualTo(9090);
        assertThat(document.get("checks").get(0).get("status").asText()).isEqualTo("skipped");

        assertThat(run("check", "--stack", "--json", "--only", "stack-exporters-scraped")).isZero();
        document = new ObjectMapper().readTree(out.toString());
        assertThat(document.get("mode").asText()).isEqualTo("local-stack");
        assertThat(document.get("stackDir").isNull()).isTrue();

        assertThat(run("check", "--stack-dir", temp.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a folder");

        Files.createDirectories(dir.resolve(".alloy-companion"));
        Files.writeString(dir.resolve(".alloy-companion/stack.json"), "{\"hostPorts\": {\"GRAFANA\": 70000}}");
        assertThat(run("check", "--stack-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read").contains("port 70000 for grafana is outside 1-65535");
    }
}
