package io.alloycompanion.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.DataQueries;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.testsupport.FakeTokens;
import io.alloycompanion.testsupport.RemoteWrite;
import io.alloycompanion.testsupport.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-back checks (cloud-metrics-visible, cloud-logs-visible, cloud-traces-visible): metrics against the real
 * Prometheus of the test services (remote-write receiver and query API behind basic auth), logs and traces against
 * local servers answering in Loki's and Tempo's real response shapes. Tokens live in a memory store, as in the
 * credential manager's tests.
 */
class CloudChecksReadBackTest {

    private static final String WRITE_TOKEN = FakeTokens.cloud("1234567", "writer", "prod-us-east-0");
    private static final String READ_TOKEN = FakeTokens.cloud("1234567", "reader", "prod-us-east-0");
    private static final Texts ENGLISH = new Texts(Locale.ENGLISH);

    @TempDir
    Path temp;

    private final MemorySecretStore keychain = new MemorySecretStore();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** What the local Loki and Tempo were asked: path, decoded query, Authorization header. */
    private final List<String[]> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    private CredentialManager credentials() {
        return new CredentialManager(new ProfileStore(temp.resolve("profiles.json")), location -> keychain);
    }

    private void saveProfile(StackProfile profile, String writeToken, Optional<String> readToken) throws Exception {
        CredentialManager credentials = credentials();
        try (Secret write = Secret.of(writeToken.toCharArray())) {
            credentials.save(profile, Optional.of(write), SecretLocation.KEYCHAIN);
        }
        if (readToken.isPresent()) {
            try (Secret read = Secret.of(readToken.get().toCharArray())) {
                credentials.saveReadToken(profile.name(), read, SecretLocation.KEYCHAIN);
            }
        }
    }

    private Map<String, CheckResult> run(Path config, String... ids) throws Exception {
        // Only the credential manager, the connection tester and the queries are used by these checks.
        CloudChecks.Services services = new CloudChecks.Services(null, credentials(), new ConnectionTester(ProxySelector.of(null)),
                null, null, null, LintContext.NONE, new DataQueries(ProxySelector.of(null)),
                ProxySelector.of(null));
        CloudChecks.Setup setup = new CloudChecks.Setup(config, "127.0.0.1:1", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        List<String> wanted = List.of(ids);
        List<Check> checks = new CloudChecks(setup, services).all().stream().filter(check -> wanted.contains(check.id())).toList();
        assertThat(checks).hasSize(ids.length);
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        new CheckRunner().run(checks, new CheckRunner.Listener() { }).forEach(result -> byId.put(result.id(), result));
        return byId;
    }

    private Path config(String text) throws IOException {
        return Files.writeString(temp.resolve("config.alloy"), text, StandardCharsets.UTF_8);
    }

    private static String summary(CheckResult result) {
        return ENGLISH.render(result.summary());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A local server answering every request with {@code answer}, noting what it was asked. */
    private String serve(Function<HttpExchange, Object[]> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(new String[] {exchange.getRequestURI().getPath(), URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))});
            Object[] reply = answer.apply(exchange);
            byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders((Integer) reply[0], body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- metrics: the real Prometheus -------------------------------------------------------------------------------

    @Test
    void metricsAreFoundInTheRealPrometheusWithTheReadTokenAndA401NamesTheScope() throws Exception {
        String url = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_URL", "Prometheus");
        String user = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_USER", "Prometheus");
        String password = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD", "Prometheus");
        String label = "readback_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // What `telemetry send` leaves behind, and the `up` series of a scrape in the config, sent a while ago: the
        // newest sample time must be the sample's, not the time of the query.
        Instant scraped = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        assertThat(RemoteWrite.push(url + "/api/v1/write", user, password, Map.of("__name__", "alloy_companion_smoke_runs_total",
                "job", "alloy-companion-smoke", "instance", label), 1, scraped.minusSeconds(60))).isEqualTo(204);
        assertThat(RemoteWrite.push(url + "/api/v1/write", user, password, Map.of("__name__", "up",
                "job", "prometheus.scrape." + label, "instance", "127.0.0.1:8080"), 1, scraped)).isEqualTo(204);
        Path config = config("prometheus.scrape \"" + label + "\" {\n  targets    = [{\"__address__\" = \"127.0.0.1:8080\"}]\n"
                + "  forward_to = []\n}\n");
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.METRICS, new Endpoint(url + "/api/v1/write", user));

        // The one user of the test Prometheus stands for both tokens: the write probe and the query both pass.
        saveProfile(profile, password, Optional.of(password));
        Map<String, CheckResult> results = run(config, "cloud-metrics", "cloud-metrics-visible");
        CheckResult visible = results.get("cloud-metrics-visible");
        assertThat(results.get("cloud-metrics").status()).isEqualTo(CheckStatus.PASS);
        assertThat(visible.status()).as(summary(visible) + visible.evidence()).isEqualTo(CheckStatus.PASS);
        assertThat(visible.evidence().get("url")).startsWith(url + "/api/v1/query?query=label_replace");
        assertThat(visible.evidence().get("status")).isEqualTo("200");
        assertThat(Integer.parseInt(visible.evidence().get("series"))).isGreaterThanOrEqualTo(2);
        assertThat(visible.evidence().get("found")).contains("up{job=\"prometheus.scrape." + label + "\"}")
                .contains("alloy_companion_smoke_runs_total{job=\"alloy-companion-smoke\"}");
        assertThat(visible.evidence().get("newest")).isEqualTo(scraped.toString());
        assertThat(summary(visible)).contains("from this set-up in the last 5 minutes; newest sample at " + visible.evidence().get("newest"));
        assertThat(visible.evidence().values()).noneMatch(value -> value.contains(password));

        // A wrong read token: Prometheus answers 401; the write check still passes.
        saveProfile(profile, password, Optional.of(password + "-wrong"));
        results = run(config, "cloud-metrics", "cloud-metrics-visible");
        visible = results.get("cloud-metrics-visible");
        assertThat(results.get("cloud-metrics").status()).isEqualTo(CheckStatus.PASS);
        assertThat(visible.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(visible.evidence().get("status")).isEqualTo("401");
        assertThat(visible.fix()).contains(Fix.SET_READ_TOKEN);
        assertThat(summary(visible)).isEqualTo("127.0.0.1 rejected the read token (401): it is wrong or revoked, it lacks the "
                + "scope metrics:read, or " + user + " is not the stack’s hmInstancePromId.");
    }

    @Test
    void noSeriesIsAWarningThatSaysToSendTestTelemetryAndAFailedWriteCheckSkipsTheQuery() throws Exception {
        String prometheus = serve(exchange -> exchange.getRequestURI().getPath().equals("/api/prom/push")
                ? new Object[] {200, ""}
                : new Object[] {200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"});
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.METRICS, new Endpoint(prometheus + "/api/prom/push", "1234567"));
        saveProfile(profile, WRITE_TOKEN, Optional.of(READ_TOKEN));
        Path config = config("prometheus.scrape \"worker\" {\n  targets    = [{\"__address__\" = \"127.0.0.1:8080\", \"job\" = \"shop\"}]\n"
                + "  forward_to = []\n}\n");

        CheckResult visible = run(config, "cloud-metrics-visible").get("cloud-metrics-visible");

        assertThat(visible.status()).isEqualTo(CheckStatus.WARN);
        assertThat(visible.fix()).contains(Fix.SEND_TELEMETRY);
        assertThat(summary(visible)).isEqualTo("127.0.0.1 has no series from this set-up in the last 5 minutes. Send test "
                + "telemetry, or wait a minute for Alloy to send, then check again.");
        assertThat(visible.evidence()).containsEntry("series", "0");
        String[] query = asked.get(asked.size() - 1);
        // Grafana Cloud's query API sits beside its push path: …/api/prom/push → …/api/prom/api/v1/query.
        assertThat(query[0]).isEqualTo("/api/prom/api/v1/query");
        assertThat(query[1]).isEqualTo("query="
                + "label_replace(timestamp(alloy_companion_smoke_runs_total), \"alloy_companion_metric\", \"alloy_companion_smoke_runs_total\", \"\", \"\")"
                + " or label_replace(timestamp(alloy_companion_smoke_runs), \"alloy_companion_metric\", \"alloy_companion_smoke_runs\", \"\", \"\")"
                + " or label_replace(timestamp(up{job=\"prometheus.scrape.worker\"}), \"alloy_companion_metric\", \"up\", \"\", \"\")"
                + " or label_replace(timestamp(up{job=\"shop\"}), \"alloy_companion_metric\", \"up\", \"\", \"\")");
        assertThat(query[2]).isEqualTo(basic("1234567", READ_TOKEN));

        // The write check fails (the push is refused): the read-back is not tried.
        String refusing = serve(exchange -> new Object[] {401, "{\"status\":\"error\",\"error\":\"authentication error: invalid token\"}"});
        saveProfile(profile.withEndpoint(Signal.METRICS, new Endpoint(refusing + "/api/prom/push", "1234567")), WRITE_TOKEN,
                Optional.of(READ_TOKEN));
        int before = asked.size();
        Map<String, CheckResult> results = run(config, "cloud-metrics", "cloud-metrics-visible");
        assertThat(results.get("cloud-metrics").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(results.get("cloud-metrics-visible").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(results.get("cloud-metrics-visible"))).isEqualTo("Not checked: needs “Grafana Cloud accepts metrics” first.");
        assertThat(asked.subList(before, asked.size())).extracting(request -> request[0]).containsExactly("/api/prom/push");
    }

    // ---- logs: Loki's response shape --------------------------------------------------------------------------------

    @Test
    void logsAreFoundWithLokisQueryRangeAndA403NamesLogsRead() throws Exception {
        long nanos = Instant.parse("2025-03-01T10:15:30Z").getEpochSecond() * 1_000_000_000L + 123;
        String loki = serve(exchange -> new Object[] {200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":["
                + "{\"stream\":{\"service_name\":\"alloy-companion-smoke\",\"detected_level\":\"info\"},\"values\":[[\"" + nanos
                + "\",\"alloy-companion smoke test log record (run 1)\"],[\"" + (nanos - 5_000_000_000L) + "\",\"older\"]]},"
                + "{\"stream\":{\"service_name\":\"shop\"},\"values\":[[\"" + (nanos - 60_000_000_000L) + "\",\"GET /\"]]}],"
                + "\"stats\":{\"summary\":{\"bytesProcessedPerSecond\":1,\"totalEntriesReturned\":3}}}}"});
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint(loki + "/loki/api/v1/push", "765432"));
        saveProfile(profile, WRITE_TOKEN, Optional.of(READ_TOKEN));

        CheckResult visible = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");

        assertThat(visible.status()).isEqualTo(CheckStatus.PASS);
        assertThat(summary(visible)).isEqualTo("2 log streams in the last 15 minutes; newest line at 2025-03-01T10:15:30Z.");
        assertThat(visible.evidence()).containsEntry("streams", "2").containsEntry("found", "alloy-companion-smoke, shop")
                .containsEntry("status", "200").containsEntry("username", "765432");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)[0]).isEqualTo("/loki/api/v1/query_range");
        assertThat(asked.get(0)[1]).isEqualTo("query={service_name=~\".+\"}&limit=5&since=15m");
        assertThat(asked.get(0)[2]).isEqualTo(basic("765432", READ_TOKEN));

        String forbidding = serve(exchange -> new Object[] {403, "{\"status\":\"error\",\"error\":\"forbidden\"}"});
        saveProfile(profile.withEndpoint(Signal.LOGS, new Endpoint(forbidding + "/loki/api/v1/push", "765432")), WRITE_TOKEN,
                Optional.of(READ_TOKEN));
        visible = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(visible.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(visible.fix()).contains(Fix.SET_READ_TOKEN);
        assertThat(summary(visible)).startsWith("127.0.0.1 refused the read token (403): it lacks the scope logs:read.");
        assertThat(visible.evidence()).containsEntry("answer", "{\"status\":\"error\",\"error\":\"forbidden\"}");
    }

    @Test
    void rateLimitsAndServerErrorsAreReportedAsTheServicesAndNoLinesIsAWarning() throws Exception {
        int[] status = {429};
        String loki = serve(exchange -> status[0] == 200
                ? new Object[] {200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}"}
                : new Object[] {status[0], "too many outstanding requests"});
        saveProfile(StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint(loki + "/loki/api/v1/push", "765432")),
                WRITE_TOKEN, Optional.of(READ_TOKEN));

        CheckResult limited = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(limited.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(limited)).isEqualTo("127.0.0.1 is rate limiting queries (429): check again later.");
        assertThat(asked).as("a 429 is reported, not retried").hasSize(1);

        status[0] = 503;
        CheckResult down = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(down.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(down)).isEqualTo("127.0.0.1 answered 503: the problem is on Grafana Cloud’s side. Check again in a minute.");

        status[0] = 200;
        CheckResult none = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(none.status()).isEqualTo(CheckStatus.WARN);
        assertThat(none.fix()).contains(Fix.SEND_TELEMETRY);
        assertThat(summary(none)).startsWith("127.0.0.1 has no log lines from the last 15 minutes.");
    }

    // ---- traces: Tempo's search -------------------------------------------------------------------------------------

    @Test
    void tracesAreFoundWithTempoSearchAndA404SaysThePathIsNotKnown() throws Exception {
        long nanos = Instant.parse("2025-03-01T10:15:30Z").getEpochSecond() * 1_000_000_000L;
        boolean[] known = {true};
        String tempo = serve(exchange -> known[0] && exchange.getRequestURI().getPath().equals("/tempo/api/search")
                ? new Object[] {200, "{\"traces\":[{\"traceID\":\"2f3e0cee77ae5dc9c17ade3689eb2e54\",\"rootServiceName\":"
                        + "\"alloy-companion-smoke\",\"rootTraceName\":\"alloy-companion smoke test\",\"startTimeUnixNano\":\""
                        + nanos + "\",\"durationMs\":1}],\"metrics\":{\"inspectedBytes\":\"1024\",\"completedJobs\":1,\"totalJobs\":1}}"}
                : new Object[] {404, "404 page not found"});
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.TRACES, new Endpoint(tempo, "999"));
        saveProfile(profile, WRITE_TOKEN, Optional.of(READ_TOKEN));

        CheckResult visible = run(config(""), "cloud-traces-visible").get("cloud-traces-visible");

        assertThat(visible.status()).isEqualTo(CheckStatus.PASS);
        assertThat(summary(visible)).isEqualTo("1 traces in the last 15 minutes; the newest started at 2025-03-01T10:15:30Z.");
        assertThat(visible.evidence()).containsEntry("traces", "1")
                .containsEntry("found", "alloy-companion-smoke: alloy-companion smoke test");
        assertThat(asked.get(0)[0]).isEqualTo("/tempo/api/search");
        assertThat(asked.get(0)[1]).matches("limit=5&start=\\d+&end=\\d+");
        String[] window = asked.get(0)[1].replaceAll("[a-z]+=", "").split("&");
        assertThat(Long.parseLong(window[2]) - Long.parseLong(window[1])).isEqualTo(15 * 60);
        assertThat(asked.get(0)[2]).isEqualTo(basic("999", READ_TOKEN));

        known[0] = false;
        CheckResult unknown = run(config(""), "cloud-traces-visible").get("cloud-traces-visible");
        assertThat(unknown.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(unknown)).startsWith("Tempo answered 404 at " + tempo + "/tempo/api/search?limit=5&start=")
                .endsWith(": this stack’s Tempo query path is not known. Look for your traces in Grafana → Explore.");
    }

    @Test
    void anEmptyTempoSearchIsAWarning() throws Exception {
        String tempo = serve(exchange -> new Object[] {200, "{\"metrics\":{\"inspectedBytes\":\"0\",\"completedJobs\":1,\"totalJobs\":1}}"});
        saveProfile(StackProfile.named("dev").withEndpoint(Signal.TRACES, new Endpoint(tempo, "999")), WRITE_TOKEN, Optional.of(READ_TOKEN));
        CheckResult visible = run(config(""), "cloud-traces-visible").get("cloud-traces-visible");
        assertThat(visible.status()).isEqualTo(CheckStatus.WARN);
        assertThat(visible.evidence()).containsEntry("traces", "0");
        assertThat(summary(visible)).startsWith("127.0.0.1 has no traces from the last 15 minutes.");
    }

    // ---- skipped, with why ------------------------------------------------------------------------------------------

    @Test
    void withoutAReadTokenOrATempoHostEachCheckIsSkippedWithWhy() throws Exception {
        StackProfile profile = StackProfile.named("dev")
                .withEndpoint(Signal.METRICS, new Endpoint("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push", "1234567"))
                .withEndpoint(Signal.LOGS, new Endpoint("https://logs-prod-006.grafana.net/loki/api/v1/push", "765432"))
                .withEndpoint(Signal.TRACES, new Endpoint("tempo-prod-04-prod-us-east-0.grafana.net:443", "999"));
        saveProfile(profile, WRITE_TOKEN, Optional.empty());

        Map<String, CheckResult> results = run(config(""), "cloud-metrics-visible", "cloud-logs-visible", "cloud-traces-visible");

        assertThat(results.values()).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(summary(result)).isEqualTo("Profile dev has no read token. To check that your data arrives, add one with "
                    + "metrics:read, logs:read and traces:read in Credentials (or with credentials read-token).");
        });

        // Traces through the OTLP gateway only: no Tempo host to search.
        saveProfile(StackProfile.named("dev").withEndpoints(Map.of(Signal.OTLP,
                new Endpoint("https://otlp-gateway-prod-us-east-0.grafana.net/otlp", "42"))), WRITE_TOKEN, Optional.of(READ_TOKEN));
        // Run with the checks it follows, as the checklist does: its own reason shows, not a dependency's.
        CheckResult traces = run(config(""), "credentials-token", "cloud-traces", "cloud-traces-visible").get("cloud-traces-visible");
        assertThat(traces.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(traces)).startsWith("Traces go through the OTLP gateway only: add the Tempo host");
        CheckResult metrics = run(config(""), "cloud-metrics-visible").get("cloud-metrics-visible");
        assertThat(summary(metrics)).isEqualTo("The profile has no metrics endpoint.");
    }

    @Test
    void aReadTokenAskedForEachTimeAndNotGivenToThisRunIsSkippedNotFailed() throws Exception {
        String loki = serve(exchange -> new Object[] {200, "{}"});
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint(loki + "/loki/api/v1/push", "765432"));
        saveProfile(profile, WRITE_TOKEN, Optional.empty());
        try (Secret read = Secret.of(READ_TOKEN.toCharArray())) {
            credentials().saveReadToken("dev", read, SecretLocation.ASK_EACH_TIME);
        }
        // A later run: what was kept in memory is gone.
        keychain.delete("profile/dev/read");
        CheckResult logs = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(logs.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(logs)).startsWith("The read token of profile dev is asked for each time");
    }

    @Test
    void aReadTokenGoneFromItsStoreFailsWithTheFix() throws Exception {
        String loki = serve(exchange -> new Object[] {200, "{}"});
        saveProfile(StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint(loki + "/loki/api/v1/push", "765432")),
                WRITE_TOKEN, Optional.of(READ_TOKEN));
        keychain.delete("profile/dev/read");

        CheckResult visible = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");

        assertThat(visible.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(visible.fix()).contains(Fix.SET_READ_TOKEN);
        assertThat(summary(visible)).isEqualTo("The read token of profile dev is no longer in its store: paste it again in Credentials.");
        assertThat(asked).isEmpty();
    }

    @Test
    void anAnswerThatIsNotLokisShapeAndANetworkFailureAreExplained() throws Exception {
        String notLoki = serve(exchange -> new Object[] {200, "<html>sign in</html>"});
        saveProfile(StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint(notLoki + "/loki/api/v1/push", "765432")),
                WRITE_TOKEN, Optional.of(READ_TOKEN));
        CheckResult odd = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(odd.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(odd)).isEqualTo("127.0.0.1 answered 200: not the expected JSON: <html>sign in</html>");

        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        saveProfile(StackProfile.named("dev").withEndpoint(Signal.LOGS, new Endpoint("http://127.0.0.1:" + closedPort
                + "/loki/api/v1/push", "765432")), WRITE_TOKEN, Optional.of(READ_TOKEN));
        CheckResult refused = run(config(""), "cloud-logs-visible").get("cloud-logs-visible");
        assertThat(refused.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(refused)).isEqualTo("Nothing accepted the connection at 127.0.0.1:" + closedPort + ". Check the URL and "
                + "port; a firewall may block it.");
        assertThat(refused.evidence()).containsEntry("status", "none").containsKey("answer");
    }
}
