package io.alloycompanion.cli;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.MemorySecretStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials commands in-process, with a memory store in place of the keychain and a local grafana.com. */
class CredentialsCommandTest {

    // {"o":"1234567","n":"laptop","k":"c2VjcmV0LXBhcnQ","m":{"r":"prod-us-east-0"}}
    private static final String TOKEN = FakeTokens.cloud("1234567", "laptop", "prod-us-east-0");

    @TempDir
    Path temp;

    private MockWebServer server;
    private final MemorySecretStore store = new MemorySecretStore();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        Files.createDirectories(temp.resolve("app/config"));
        Files.writeString(temp.resolve("app/config/settings.json"),
                "{\"schemaVersion\":1,\"grafanaComApi\":\"" + server.url("/gcom") + "\"}");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), location -> store);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private void serveStack() {
        String base = server.url("/").toString();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.equals("/gcom/api/instances/mystack")) {
                    return new MockResponse().setBody("{\"id\":42,\"url\":\"https://mystack.grafana.net\","
                            + "\"hmInstancePromId\":1234567,\"hmInstancePromUrl\":\"" + base + "prom\","
                            + "\"hlInstanceId\":765432,\"hlInstanceUrl\":\"" + base + "loki\"}");
                }
                if (path.equals("/gcom/api/instances/42/connections")) {
                    return new MockResponse().setResponseCode(404);
                }
                if (path.equals("/prom/api/prom/push")) {
                    return new MockResponse().setResponseCode(200);
                }
                if (path.equals("/loki/loki/api/v1/push")) {
                    return new MockResponse().setResponseCode(401).setBody("{\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
    }

    @Test
    void addDiscoversTheEndpointsStoresTheTokenAndTestReportsEachSignal() throws Exception {
        serveStack();
        assertThat(run(TOKEN + "\r\n", "credentials", "add", "--profile", "dev", "--stack", "https://mystack.grafana.net",
                "--token-stdin")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("org 1234567, name laptop, region prod-us-east-0")
                .contains("Discovered 2 endpoints").doesNotContain(TOKEN);
        String stored = store.load("profile/dev").orElseThrow().reveal(chars -> new String(chars));
        assertThat(stored).isEqualTo(TOKEN);

        assertThat(run("", "credentials", "show", "--json")).isZero();
        assertThat(out.toString()).contains("\"masked\" : \"glc_…" + TOKEN.substring(TOKEN.length() - 4) + "\"")
                .contains("\"username\" : \"1234567\"").contains("\"region\" : \"prod-us-east-0\"").doesNotContain(TOKEN);

        assertThat(run("", "credentials", "test", "--json")).isEqualTo(1);
        assertThat(out.toString()).contains("\"signal\" : \"metrics\",\n    \"outcome\" : \"ok\"")
                .contains("\"problem\" : \"unauthorized\"").contains("'765432' is the wrong username for logs")
                .contains("hlInstanceId").doesNotContain(TOKEN);

        assertThat(run("", "credentials", "test")).isEqualTo(1);
        assertThat(out.toString()).contains("✔ metrics").contains("✖ logs").contains("not configured: traces, otlp, fleet");
        assertNoFileContainsTheToken();
    }

    @Test
    void aMissingStacksReadScopeFallsBackToTheGivenEndpoints() {
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"code\":\"Forbidden\"}"));
        assertThat(run(TOKEN, "credentials", "add", "--profile", "dev", "--stack", "mystack", "--token-stdin",
                "--metrics-url", "https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push",
                "--metrics-user", "1234567")).isZero();
        assertThat(err.toString()).contains("lacks the scope stacks:read").contains("Continuing with the endpoints");
        assertThat(run("", "credentials", "list")).isZero();
        assertThat(out.toString()).contains("* dev").contains("mystack").contains("metrics");
    }

    @Test
    void refusesTokensOnArgvAndTheWrongKindsOfToken() {
        assertThat(run("", "credentials", "add", "--profile", "dev", "--metrics-user=" + TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("refusing a token on the command line").doesNotContain(TOKEN);
        assertThat(run(FakeTokens.serviceAccount(), "credentials", "add", "--profile", "dev", "--token-stdin"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("service account token");
        assertThat(run("", "credentials", "list")).isZero();
        assertThat(out.toString()).contains("No profiles yet");
    }

    @Test
    void renameCopyUseAndRemove() throws Exception {
        assertThat(run(TOKEN, "credentials", "add", "--profile", "dev", "--token-stdin", "--no-discover")).isZero();
        assertThat(run("", "credentials", "rename", "--profile", "dev", "--to", "prod", "--copy")).isZero();
        assertThat(run("", "credentials", "use", "--profile", "prod")).isZero();
        assertThat(run("", "credentials", "rename", "--profile", "dev", "--to", "staging")).isZero();
        assertThat(run("", "credentials", "list")).isZero();
        assertThat(out.toString()).contains("* prod").contains("  staging").doesNotContain(" dev ");
        assertThat(run("", "credentials", "remove", "--profile", "staging")).isZero();
        assertThat(store.load("profile/staging")).isEmpty();
        assertThat(store.load("profile/prod")).isPresent();
        assertThat(run("", "credentials", "test", "--profile", "nope")).isEqualTo(2);
    }

    @Test
    void readTokenIsTakenFromStdinShownMaskedAndRemoved() throws Exception {
        String readToken = FakeTokens.cloud("1234567", "reader", "prod-us-east-0");
        assertThat(run(TOKEN, "credentials", "add", "--profile", "dev", "--token-stdin", "--no-discover")).isZero();
        assertThat(run("", "credentials", "show")).isZero();
        assertThat(out.toString()).contains("  read     none (to check that data arrives: alloy-companion credentials "
                + "read-token --profile dev)");

        assertThat(run(readToken + "\n", "credentials", "read-token", "--profile", "dev", "--token-stdin")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("org 1234567, name reader, region prod-us-east-0");
        String masked = "glc_…" + readToken.substring(readToken.length() - 4);
        assertThat(out.toString()).contains("Saved the read token of profile dev (" + masked + ") in the OS keychain.")
                .contains("check --only cloud-metrics-visible,cloud-logs-visible,cloud-traces-visible");
        assertThat(store.load("profile/dev/read").orElseThrow().<String>reveal(String::new)).isEqualTo(readToken);
        assertThat(store.load("profile/dev").orElseThrow().<String>reveal(String::new)).as("the write token stays").isEqualTo(TOKEN);

        assertThat(run("", "credentials", "show")).isZero();
        assertThat(out.toString()).contains("  read     " + masked + "  [keychain]").doesNotContain(readToken);
        assertThat(run("", "credentials", "show", "--json")).isZero();
        assertThat(out.toString()).contains("\"readTokenStore\" : \"keychain\"").contains("\"masked\" : \"" + masked + "\"")
                .doesNotContain(readToken);
        assertThat(Files.readString(temp.resolve("app/config/profiles.json"))).contains("profile/dev/read").doesNotContain(readToken);

        // Never from argv, never a service account token, nothing to read without stdin or a terminal.
        assertThat(run("", "credentials", "read-token", "--profile", "dev", "--store=" + readToken)).isEqualTo(2);
        assertThat(err.toString()).contains("refusing a token on the command line").doesNotContain(readToken);
        assertThat(run(FakeTokens.serviceAccount(), "credentials", "read-token", "--profile", "dev", "--token-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("service account token");
        assertThat(run("", "credentials", "read-token", "--profile", "dev")).isEqualTo(2);
        assertThat(err.toString()).contains("no read token given");
        assertThat(run(readToken, "credentials", "read-token", "--profile", "nope", "--token-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("no profile named 'nope'");
        assertThat(run(readToken, "credentials", "read-token", "--profile", "dev", "--remove", "--token-stdin")).isEqualTo(2);
        assertThat(store.load("profile/dev/read")).as("the refused commands changed nothing").isPresent();

        assertThat(run("", "credentials", "read-token", "--profile", "dev", "--remove")).isZero();
        assertThat(out.toString()).contains("Removed the read token of profile dev.");
        assertThat(store.load("profile/dev/read")).isEmpty();
        assertThat(store.load("profile/dev")).isPresent();
        assertThat(run("", "credentials", "read-token", "--profile", "dev", "--remove")).isZero();
        assertThat(out.toString()).contains("Profile dev has no read token.");
        assertThat(run("", "credentials", "show", "--json")).isZero();
        assertThat(out.toString()).contains("\"readToken\" : null");
    }

    @Test
    void grafanaTokenIsTakenFromStdinShownMaskedAndRemovedAndAnAccessPolicyTokenIsRefused() throws Exception {
        String grafanaToken = FakeTokens.serviceAccount();
        assertThat(run(TOKEN, "credentials", "add", "--profile", "dev", "--token-stdin", "--no-discover")).isZero();
        assertThat(run("", "credentials", "show")).isZero();
        assertThat(out.toString()).contains("  grafana  none (to check for the starter dashboard: alloy-companion "
                + "credentials grafana-token --profile dev)");

        assertThat(run(grafanaToken + "\n", "credentials", "grafana-token", "--profile", "dev", "--token-stdin"))
                .as(err.toString()).isZero();
        String masked;
        try (io.alloycompanion.core.secrets.Secret secret = io.alloycompanion.core.secrets.Secret.of(grafanaToken.toCharArray())) {
            masked = secret.masked();
        }
        assertThat(out.toString()).contains("Saved the Grafana token of profile dev (" + masked + ") in the OS keychain.")
                .doesNotContain(grafanaToken);
        assertThat(store.load("profile/dev/grafana").orElseThrow().<String>reveal(String::new)).isEqualTo(grafanaToken);
        assertThat(store.load("profile/dev").orElseThrow().<String>reveal(String::new)).as("the write token stays").isEqualTo(TOKEN);

        assertThat(run("", "credentials", "show")).isZero();
        assertThat(out.toString()).contains("  grafana  " + masked + "  [keychain]").doesNotContain(grafanaToken);
        assertThat(run("", "credentials", "show", "--json")).isZero();
        assertThat(out.toString()).contains("\"grafanaTokenStore\" : \"keychain\"").contains("\"masked\" : \"" + masked + "\"")
                .doesNotContain(grafanaToken);
        assertThat(Files.readString(temp.resolve("app/config/profiles.json"))).contains("profile/dev/grafana")
                .doesNotContain(grafanaToken);

        // Never from argv; an access policy token is not what Grafana's API takes.
        assertThat(run("", "credentials", "grafana-token", "--profile", "dev", "--store=" + grafanaToken)).isEqualTo(2);
        assertThat(err.toString()).contains("refusing a token on the command line").doesNotContain(grafanaToken);
        String accessPolicy = FakeTokens.cloud();
        assertThat(run(accessPolicy, "credentials", "grafana-token", "--profile", "dev", "--token-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("access policy token (glc_…)").contains("A service account token (glsa_…) is needed")
                .contains("Administration → Users and access → Service accounts").doesNotContain(accessPolicy);
        assertThat(run("", "credentials", "grafana-token", "--profile", "dev")).isEqualTo(2);
        assertThat(err.toString()).contains("no Grafana token given");
        assertThat(store.load("profile/dev/grafana").orElseThrow().<String>reveal(String::new))
                .as("the refused commands changed nothing").isEqualTo(grafanaToken);

        assertThat(run("", "credentials", "grafana-token", "--profile", "dev", "--remove")).isZero();
        assertThat(out.toString()).contains("Removed the Grafana token of profile dev.");
        assertThat(store.load("profile/dev/grafana")).isEmpty();
        assertThat(store.load("profile/dev")).isPresent();
        assertThat(run("", "credentials", "grafana-token", "--profile", "dev", "--remove")).isZero();
        assertThat(out.toString()).contains("Profile dev has no Grafana token.");
        assertThat(run("", "credentials", "show", "--json")).isZero();
        assertThat(out.toString()).contains("\"grafanaToken\" : null");
    }

    private void assertNoFileContainsTheToken() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(TOKEN);
            }
        }
    }
}
