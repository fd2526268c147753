package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.testsupport.FakeGrafana;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dashboards migrate} on copies of dashboard fixtures and {@code dashboards import} into a local fake Grafana. */
class DashboardsCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/grafana/jaeger");
    private static final Path STARTER = Path.of("resources/stack/dashboards/starter.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One store for the whole test, as the machine's keychain is. */
    private final MemorySecretStore store = new MemorySecretStore();

    @TempDir
    Path temp;

    private Path dashboards;
    private Path datasources;
    private FakeGrafana grafana;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void copyFixtures() throws IOException {
        dashboards = copy(FIXTURES.resolve("dashboards"), temp.resolve("grafana/dashboards"));
        datasources = copy(FIXTURES.resolve("provisioning/datasources"), temp.resolve("grafana/provisioning/datasources"));
    }

    @AfterEach
    void stop() {
        if (grafana != null) {
            grafana.close();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    private int runWithStdin(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), location -> store);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private int run(String... args) {
        return runWithStdin("", args);
    }

    private JsonNode json() throws IOException {
        JsonNode document = JSON.readTree(out.toString());
        assertThat(document.path("schemaVersion").asInt()).isEqualTo(1);
        return document;
    }

    @Test
    void migrateRewritesTheDashboardsAndSaysWhereTheOriginalsAre() throws IOException {
        int code = run("dashboards", "migrate", "--dir", dashboards.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(dashboards.resolve("services/checkout.json")))
                .isEqualTo(Files.readString(FIXTURES.resolve("expected/checkout.json")));
        assertThat(out.toString())
                .contains("  services/checkout.json\n    /__inputs/1/pluginId: \"jaeger\" → \"tempo\"\n")
                .contains("    /panels/1/targets/0/datasource: {\"type\":\"jaeger\",\"uid\":\"${DS_JAEGER}\"} → {\"type\":\"tempo\",\"uid\":\"tempo\"}\n")
                .contains("warning: services/checkout.json /panels/1/targets/0: a Jaeger “search” query")
                .contains("Changed 11 references in 2 of 3 dashboard files. The originals are in "
                        + temp.resolve("grafana").toAbsolutePath().normalize().resolve("dashboards.backup-"));
        try (Stream<Path> siblings = Files.list(temp.resolve("grafana"))) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("dashboards\\.backup-\\d{8}-\\d{6}"));
        }
    }

    @Test
    void migrateDryRunJsonListsEveryChangeAndWritesNothing() throws IOException {
        String before = Files.readString(dashboards.resolve("services/checkout.json"));

        int code = run("dashboards", "migrate", "--dir", dashboards.toString(), "--datasources", datasources.toString(),
                "--remove-jaeger", "--dry-run", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode document = json();
        assertThat(document.path("dryRun").asBoolean()).isTrue();
        assertThat(document.path("tempoUid").asText()).isEqualTo("tempo");
        assertThat(document.path("filesScanned").asInt()).isEqualTo(3);
        assertThat(document.path("filesChanged")).extracting(JsonNode::asText).containsExactly("legacy.json", "services/checkout.json");
        assertThat(document.path("backup").isNull()).isTrue();
        JsonNode change = document.path("changes").get(0);
        assertThat(change.fieldNames()).toIterable().containsExactly("file", "path", "old", "new");
        assertThat(document.path("changes")).anySatisfy(entry -> {
            assertThat(entry.path("path").asText()).isEqualTo("/panels/2/panels/0/targets/0/datasource");
            assertThat(entry.path("old").path("type").asText()).isEqualTo("jaeger");
            assertThat(entry.path("new").toString()).isEqualTo("{\"type\":\"tempo\",\"uid\":\"tempo\"}");
        });
        JsonNode provisioning = document.path("datasources");
        assertThat(provisioning.path("filesChanged")).extracting(JsonNode::asText).containsExactly("datasources.yaml", "loki.yaml");
        assertThat(provisioning.path("changes").get(0).path("new").isNull()).as("removed").isTrue();
        assertThat(provisioning.path("changes").get(0).path("old").path("type").asText()).isEqualTo("jaeger");
        assertThat(document.path("warnings")).isNotEmpty();
        assertThat(document.path("problems")).isEmpty();
        assertThat(Files.readString(dashboards.resolve("services/checkout.json"))).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(temp.resolve("grafana"))) {
            assertThat(siblings.map(path -> path.getFileName().toString())).containsOnly("dashboards", "provisioning");
        }
    }

    @Test
    void migrateUsageErrorsAndUnreadableFiles() throws IOException {
        assertThat(run("dashboards", "migrate", "--dir", dashboards.toString(), "--remove-jaeger")).isEqualTo(2);
        assertThat(err.toString()).contains("--remove-jaeger needs --datasources DIR");
        assertThat(run("dashboards", "migrate", "--dir", temp.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a folder");
        assertThat(run("dashboards", "migrate", "--dir", dashboards.toString(), "--tempo-uid", " ")).isEqualTo(2);
        assertThat(run("dashboards", "migrate")).as("--dir is required").isEqualTo(2);

        Files.writeString(dashboards.resolve("broken.json"), "{ \"panels\": [");
        assertThat(run("dashboards", "migrate", "--dir", dashboards.toString(), "--json")).isEqualTo(1);
        assertThat(json().path("problems").get(0).path("file").asText()).isEqualTo("broken.json");
        assertThat(json().path("filesChanged")).hasSize(2);
    }

    @Test
    void migrateWithNothingToChangeSaysSo() throws IOException {
        Path only = Files.createDirectories(temp.resolve("only"));
        Files.copy(FIXTURES.resolve("dashboards/prometheus-only.json"), only.resolve("a.json"));

        assertThat(run("dashboards", "migrate", "--dir", only.toString())).isZero();
        assertThat(out.toString()).contains("No Jaeger references in the 1 dashboard file; nothing changed.");
    }

    @Test
    void importJsonReportsEachDashboardAndTheFolder() throws IOException {
        grafana = new FakeGrafana().withStackDatasources();

        int code = run("dashboards", "import", "--grafana", grafana.url(), "--folder", "Alloy Companion", "--json",
                STARTER.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode document = json();
        assertThat(document.path("grafana").asText()).isEqualTo(grafana.url());
        assertThat(document.path("grafanaVersion").asText()).isEqualTo("11.3.0");
        assertThat(document.path("folder").path("title").asText()).isEqualTo("Alloy Companion");
        assertThat(document.path("folder").path("created").asBoolean()).isTrue();
        assertThat(document.path("imported").asInt()).isEqualTo(1);
        assertThat(document.path("failed").asInt()).isZero();
        JsonNode dashboard = document.path("dashboards").get(0);
        assertThat(dashboard.path("file").asText()).isEqualTo(STARTER.toString());
        assertThat(dashboard.path("title").asText()).isEqualTo("Alloy Companion — RED metrics and logs");
        assertThat(dashboard.path("uid").asText()).isEqualTo("alloy-companion-starter");
        assertThat(dashboard.path("url").asText()).startsWith(grafana.url() + "/d/alloy-companion-starter/");
        assertThat(dashboard.path("status").asText()).isEqualTo("success");
        assertThat(dashboard.path("version").asInt()).isEqualTo(1);
        assertThat(grafana.requests()).allMatch(request -> request.authorization().isEmpty());
    }

    @Test
    void importStarterImportsTheBundledDashboardBesideTheFilesWithGrafanaCloudsDatasourceUids() throws IOException {
        String token = FakeTokens.serviceAccount();
        grafana = new FakeGrafana().withDatasource("grafanacloud-prom", "grafanacloud-test-prom", "prometheus", true)
                .withDatasource("grafanacloud-logs", "grafanacloud-test-logs", "loki", false)
                .withDatasource("grafanacloud-traces", "grafanacloud-test-traces", "tempo", false).requireToken(token);
        Path dir = Files.createDirectories(temp.resolve("boards"));
        ObjectNode other = (ObjectNode) JSON.readTree(STARTER.toFile());
        other.put("uid", "mine").put("title", "Mine");
        Files.writeString(dir.resolve("mine.json"), other.toString());

        int code = runWithStdin(token + "\n", "dashboards", "import", "--grafana", grafana.url(), "--starter", "--token-stdin",
                "--json", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode document = json();
        assertThat(document.path("imported").asInt()).isEqualTo(2);
        JsonNode starter = document.path("dashboards").get(0);
        assertThat(starter.path("file").asText()).isEqualTo("starter dashboard (bundled)");
        assertThat(starter.path("uid").asText()).isEqualTo("alloy-companion-starter");
        assertThat(starter.path("notes").toString()).contains("“prometheus” is not in this Grafana")
                .contains("uid grafanacloud-prom").contains("uid grafanacloud-logs").contains("uid grafanacloud-traces");
        assertThat(document.path("dashboards").get(1).path("uid").asText()).isEqualTo("mine");
        JsonNode saved = grafana.savedDashboard("alloy-companion-starter").orElseThrow();
        assertThat(saved.findValues("datasource").stream().filter(JsonNode::isObject).map(reference -> reference.path("uid").asText()))
                .contains("grafanacloud-prom", "grafanacloud-logs", "grafanacloud-traces")
                .doesNotContain("prometheus", "loki", "tempo");
        assertThat(out.toString() + err).doesNotContain(token);

        assertThat(run("dashboards", "import", "--grafana", grafana.url())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to import").contains("--starter");
    }

    @Test
    void importWithTheTokenOnStdinAndAFailedDashboardExitsOne() throws IOException {
        String token = FakeTokens.serviceAccount();
        grafana = new FakeGrafana().withStackDatasources().requireToken(token);
        Path dir = Files.createDirectories(temp.resolve("boards"));
        Files.copy(STARTER, dir.resolve("starter.json"));
        Files.copy(FIXTURES.resolve("dashboards/services/checkout.json"), dir.resolve("checkout.json"));

        int code = runWithStdin(token + "\n", "dashboards", "import", "--grafana", grafana.url(), "--token-stdin", dir.toString());

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("Grafana 11.3.0 at " + grafana.url() + ", folder General:")
                .contains("  ✖ Checkout (" + dir.resolve("checkout.json") + "): The dashboard “Checkout” needs a jaeger datasource")
                .contains("  ✔ Alloy Companion — RED metrics and logs: " + grafana.url() + "/d/alloy-companion-starter/")
                .contains("Imported 1 of 2 dashboards.");
        assertThat(grafana.requests()).filteredOn(request -> !request.path().equals("/api/health"))
                .allMatch(request -> request.authorization().isPresent());
        assertThat(out.toString() + err).doesNotContain(token);
    }

    @Test
    void importWithAProfileUsesItsStoredGrafanaToken() throws IOException {
        String token = FakeTokens.serviceAccount();
        grafana = new FakeGrafana().withStackDatasources().requireToken(token);
        assertThat(runWithStdin(FakeTokens.cloud() + "\n", "credentials", "add", "--profile", "dev", "--no-discover",
                "--metrics-url", "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                "--metrics-user", "1234567", "--token-stdin")).as(err.toString()).isZero();

        // A profile without a stack URL needs --grafana.
        assertThat(run("dashboards", "import", "--profile", "dev", "--starter")).isEqualTo(2);
        assertThat(err.toString()).contains("the profile dev has no stack URL: give --grafana URL");

        // No Grafana token stored yet: Grafana refuses the anonymous call, and there is no terminal to ask on.
        assertThat(run("dashboards", "import", "--profile", "dev", "--grafana", grafana.url(), "--starter")).isEqualTo(2);
        assertThat(grafana.requests()).isNotEmpty().allMatch(request -> request.authorization().isEmpty());

        assertThat(runWithStdin(token + "\n", "credentials", "grafana-token", "--profile", "dev", "--token-stdin")).as(err.toString()).isZero();
        int code = run("dashboards", "import", "--profile", "dev", "--grafana", grafana.url(), "--starter");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Grafana 11.3.0 at " + grafana.url());
        assertThat(grafana.requests()).filteredOn(request -> request.path().startsWith("/api/dashboards/"))
                .isNotEmpty().allMatch(request -> request.authorization().isPresent());
        assertThat(out.toString() + err).doesNotContain(token);

        assertThat(run("dashboards", "import", "--profile", "nope", "--starter")).isEqualTo(2);
        assertThat(err.toString()).contains("nope");
        assertThat(run("dashboards", "import", "--starter")).isEqualTo(2);
        assertThat(err.toString()).contains("give --grafana URL");
    }

    @Test
    void importWithoutAWorkingTokenIsAnEnvironmentError() throws IOException {
        String token = FakeTokens.serviceAccount();
        grafana = new FakeGrafana().withStackDatasources().requireToken(token);

        assertThat(run("dashboards", "import", "--grafana", grafana.url(), STARTER.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("needs a service account token").contains("--token-stdin");

        String wrong = token.replace("fake", "nope");
        assertThat(runWithStdin(wrong, "dashboards", "import", "--grafana", grafana.url(), "--token-stdin", "--json", STARTER.toString())).isEqualTo(2);
        JsonNode document = json();
        assertThat(document.path("reason").asText()).isEqualTo("unauthorized");
        assertThat(document.path("error").asText()).contains("did not accept the service account token");
        assertThat(out.toString() + err).doesNotContain(wrong);

        assertThat(runWithStdin(FakeTokens.cloud(), "dashboards", "import", "--grafana", grafana.url(), "--token-stdin", STARTER.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Grafana Cloud access policy token (glc_…)");
        assertThat(runWithStdin("", "dashboards", "import", "--grafana", grafana.url(), "--token-stdin", STARTER.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("standard input was empty");

        assertThat(run("dashboards", "import", "--grafana", grafana.url(), "--datasource", "prometheus=" + token, STARTER.toString()))
                .as("a token on the command line is refused").isEqualTo(2);
        assertThat(err.toString()).contains("refusing a token on the command line").doesNotContain(token);
        assertThat(grafana.posted("/api/dashboards/db")).isEmpty();
    }

    @Test
    void importUsageAndConnectionErrors() throws IOException {
        assertThat(run("dashboards", "import", "--grafana", "ftp://x", STARTER.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--grafana: “ftp://x” is not an http:// or https:// URL");
        assertThat(run("dashboards", "import", "--grafana", "http://127.0.0.1:1", temp.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.json: no such file or folder");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(run("dashboards", "import", "--grafana", "http://127.0.0.1:1", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no *.json files in");
        assertThat(run("dashboards", "import", "--grafana", "http://127.0.0.1:1", "--datasource", "prometheus", STARTER.toString()))
                .as("TYPE=NAME").isEqualTo(2);

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(run("dashboards", "import", "--grafana", "http://127.0.0.1:" + port, STARTER.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot connect to Grafana at http://127.0.0.1:" + port + ": connection refused. "
                + "Is Grafana running at this address?");
    }

    @Test
    void aTitleTakenInTheFolderExitsOneWithTheReason() throws IOException {
        grafana = new FakeGrafana().withStackDatasources().withTitleTaken("Alloy Companion — RED metrics and logs");

        assertThat(run("dashboards", "import", "--grafana", grafana.url(), "--json", STARTER.toString())).isEqualTo(1);
        JsonNode dashboard = json().path("dashboards").get(0);
        assertThat(dashboard.path("status").asText()).isEqualTo("failed");
        assertThat(dashboard.path("reason").asText()).isEqualTo("precondition-failed");
        assertThat(dashboard.path("error").asText()).contains("(412 name-exists)");
    }
}
