package io.alloycompanion.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.testsupport.FakeLocalStack;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local-stack checklist against real HTTP servers on 127.0.0.1 standing in for Alloy, Tempo, Loki, Prometheus and
 * Grafana (their endpoints and response shapes), each on its own port as the stack's settings publish them.
 */
class LocalStackChecksTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final Texts texts = new Texts(Locale.ENGLISH);
    private FakeLocalStack stack;

    @BeforeEach
    void start() throws Exception {
        stack = new FakeLocalStack();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theStarterDashboardIsFoundOrTheImportCommandIsNamed() throws Exception {
        stack.provisionedDatasources();
        CheckResult found = run().get("stack-dashboard");
        assertThat(found.status()).as(summary(found)).isEqualTo(CheckStatus.PASS);
        assertThat(found.evidence()).containsEntry("title", "Alloy Companion — RED metrics and logs")
                .containsEntry("folder", "Alloy Companion")
                .containsEntry("open", "http://127.0.0.1:" + stack.port(StackService.GRAFANA)
                        + "/d/alloy-companion-starter/alloy-companion-red-metrics-and-logs");

        stack.noStarterDashboard();
        CheckResult missing = run().get("stack-dashboard");
        assertThat(missing.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(missing)).contains("dashboards import --grafana http://127.0.0.1:" + stack.port(StackService.GRAFANA));
    }

    private Map<String, CheckResult> run(StackSettings settings) throws InterruptedException {
        List<CheckResult> results = new CheckRunner().run(new LocalStackChecks(settings, AlloyApi.loopbackClient(),
                Clock.fixed(NOW, ZoneOffset.UTC)).all(), new CheckRunner.Listener() { });
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        for (CheckResult result : results) {
            // Every text exists in the bundle (a missing key renders as the key itself).
            assertThat(texts.render(result.title())).doesNotStartWith("check.");
            assertThat(summary(result)).as(result.id()).doesNotStartWith("check.");
            byId.put(result.id(), result);
        }
        return byId;
    }

    private Map<String, CheckResult> run() throws InterruptedException {
        return run(stack.settings());
    }

    private String summary(CheckResult result) {
        return texts.render(result.summary());
    }

    private static Map<String, CheckStatus> statuses(Map<String, CheckResult> results) {
        Map<String, CheckStatus> statuses = new LinkedHashMap<>();
        results.forEach((id, result) -> statuses.put(id, result.status()));
        return statuses;
    }

    private String url(StackService service, String path) {
        return "http://127.0.0.1:" + stack.port(service) + path;
    }

    private void exportersUp() {
        stack.addSeries(1, "__name__", "up", "instance", "mysqld-exporter:9104", "job", "mysql");
        stack.addSeries(1, "__name__", "up", "instance", "redis-exporter:9121", "job", "redis");
    }

    /** An OTLP log record: the trace id is structured metadata, not in the line. */
    private void otlpLog(String service, String traceId, String line) {
        stack.addLog(Map.of("service_name", service, "detected_level", "info"),
                Map.of("trace_id", traceId, "span_id", "00f067aa0ba902b7"), line);
    }

    private void plainLog(String service, String line) {
        stack.addLog(Map.of("service_name", service), Map.of(), line);
    }

    @Test
    void aStackAsProvisionedPassesEveryItemWithItsEvidence() throws Exception {
        stack.spanMetrics();
        exportersUp();
        stack.addSeries(1, "__name__", "up", "instance", "host.docker.internal:8787", "job", "worker");
        plainLog("checkout", "starting on port 8080");
        otlpLog("checkout", TRACE, "GET /cart 200 in 12ms");
        plainLog("cart", "cache warm");

        Map<String, CheckResult> results = run(stack.settings().withExporters(true, true).withHostSources(new StackSettings.HostSources(
                List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15)), List.of())));

        assertThat(results.keySet()).containsExactly("stack-alloy-ready", "stack-tempo-ready", "stack-loki-ready",
                "stack-prometheus-ready", "stack-grafana-health", "stack-datasources", "stack-correlation", "stack-dashboard", "stack-red-metrics",
                "stack-exporters-scraped", "stack-host-targets", "stack-logs-trace-id");
        assertThat(statuses(results)).allSatisfy((id, status) -> assertThat(status).as(id + ": " + summary(results.get(id)))
                .isEqualTo(CheckStatus.PASS));

        CheckResult alloy = results.get("stack-alloy-ready");
        assertThat(alloy.evidence()).containsEntry("url", url(StackService.ALLOY, "/-/ready")).containsEntry("status", "200")
                .containsEntry("answer", "Alloy is ready.");
        assertThat(alloy.evidence().get("took")).matches("\\d+ ms");
        assertThat(summary(alloy)).startsWith("Alloy is ready at " + url(StackService.ALLOY, "/-/ready") + " (");
        assertThat(results.get("stack-tempo-ready").evidence()).containsEntry("url", url(StackService.TEMPO, "/ready"));
        assertThat(results.get("stack-prometheus-ready").evidence()).containsEntry("answer", "Prometheus Server is Ready.");

        CheckResult grafana = results.get("stack-grafana-health");
        assertThat(grafana.evidence()).containsEntry("version", "12.1.1").containsEntry("database", "ok").containsEntry("status", "200");
        assertThat(summary(grafana)).startsWith("Grafana 12.1.1 answers at " + url(StackService.GRAFANA, "/api/health")
                + " and its database is ok (");

        assertThat(summary(results.get("stack-datasources")))
                .isEqualTo("Grafana has Tempo (tempo), Loki (loki) and Prometheus (prometheus), and no Jaeger.");
        assertThat(results.get("stack-datasources").evidence()).containsEntry("tempo", "Tempo (uid tempo, http://tempo:3200)");

        CheckResult correlation = results.get("stack-correlation");
        assertThat(correlation.evidence()).containsEntry("logs → traces", "loki → tempo (TraceID)")
                .containsEntry("traces → logs", "tempo → loki (tracesToLogsV2)")
                .containsEntry("traces → metrics", "tempo → prometheus")
                .containsEntry("metrics → traces", "prometheus → tempo")
                .doesNotContainKey("links elsewhere");
        assertThat(summary(correlation)).isEqualTo("Logs open their traces (Loki → tempo) and traces open their logs (Tempo → loki).");

        CheckResult red = results.get("stack-red-metrics");
        assertThat(red.evidence()).containsEntry("query", "count(traces_spanmetrics_calls_total)").containsEntry("series", "4");
        assertThat(summary(red)).contains("4 traces_spanmetrics_calls_total series");

        CheckResult exporters = results.get("stack-exporters-scraped");
        assertThat(exporters.evidence()).containsEntry("up{job=\"mysql\"}", "mysqld-exporter:9104 = 1")
                .containsEntry("up{job=\"redis\"}", "redis-exporter:9121 = 1");
        assertThat(summary(exporters)).isEqualTo("Prometheus has up = 1 for mysql, redis.");

        CheckResult logs = results.get("stack-logs-trace-id");
        assertThat(logs.evidence()).containsEntry("example", "checkout trace_id=" + TRACE)
                .containsEntry("query", LocalStackChecks.METADATA_WITH_TRACE_ID)
                .containsEntry("lines with a trace id", "1 of 1");
        assertThat(summary(logs)).isEqualTo("1 recent log line(s) carry a trace id, for example from checkout: " + TRACE + ".");

        // The last 15 minutes up to now, the newest 50 lines.
        String asked = stack.asked.get(StackService.LOKI).stream().filter(path -> path.startsWith("/loki/api/v1/query_range"))
                .findFirst().orElseThrow();
        Map<String, String> params = params(asked);
        long end = NOW.getEpochSecond() * 1_000_000_000L;
        assertThat(params).containsEntry("end", String.valueOf(end))
                .containsEntry("start", String.valueOf(end - 15 * 60 * 1_000_000_000L))
                .containsEntry("limit", "50").containsEntry("direction", "backward");
    }

    private static Map<String, String> params(String pathAndQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aServiceThatIsNotRunningFailsWithTheStartTheStackFixAndItsDependantsAreSkipped() throws Exception {
        stack.stop(StackService.GRAFANA);
        stack.stop(StackService.LOKI);

        Map<String, CheckResult> results = run();

        assertThat(statuses(results)).containsExactly(Map.entry("stack-alloy-ready", CheckStatus.PASS),
                Map.entry("stack-tempo-ready", CheckStatus.PASS), Map.entry("stack-loki-ready", CheckStatus.FAIL),
                Map.entry("stack-prometheus-ready", CheckStatus.PASS), Map.entry("stack-grafana-health", CheckStatus.FAIL),
                Map.entry("stack-datasources", CheckStatus.SKIPPED), Map.entry("stack-correlation", CheckStatus.SKIPPED),
                Map.entry("stack-dashboard", CheckStatus.SKIPPED), Map.entry("stack-red-metrics", CheckStatus.WARN), Map.entry("stack-exporters-scraped", CheckStatus.SKIPPED),
                Map.entry("stack-host-targets", CheckStatus.SKIPPED), Map.entry("stack-logs-trace-id", CheckStatus.SKIPPED));
        CheckResult grafana = results.get("stack-grafana-health");
        assertThat(grafana.fix()).contains(Fix.START_STACK);
        assertThat(Fix.START_STACK.command()).isEqualTo("alloy-companion stack up --dir DIR");
        assertThat(summary(grafana)).isEqualTo("Nothing answers at " + url(StackService.GRAFANA, "/api/health")
                + ": Grafana is not running. Start the stack (alloy-companion stack up).");
        assertThat(grafana.evidence()).containsEntry("url", url(StackService.GRAFANA, "/api/health")).containsKey("error");
        assertThat(results.get("stack-loki-ready").fix()).contains(Fix.START_STACK);
        assertThat(summary(results.get("stack-loki-ready"))).contains("Loki is not running");

        for (String dependant : List.of("stack-datasources", "stack-correlation")) {
            assertThat(results.get(dependant).evidence()).containsEntry("needs", "stack-grafana-health");
            assertThat(summary(results.get(dependant))).isEqualTo("Not checked: needs “Grafana healthy” first.");
        }
        assertThat(results.get("stack-logs-trace-id").evidence()).containsEntry("needs", "stack-loki-ready");
        assertThat(stack.asked.get(StackService.LOKI)).isEmpty();
    }

    @Test
    void aServiceStillStartingFailsWithWhatItSaidAndNoStartFix() throws Exception {
        stack.notReady(StackService.LOKI, 503, "Ingester not ready: waiting for 15s after being ready\n");

        Map<String, CheckResult> results = run();

        CheckResult loki = results.get("stack-loki-ready");
        assertThat(loki.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(loki.fix()).isEmpty();
        assertThat(loki.evidence()).containsEntry("status", "503").containsEntry("answer", "Ingester not ready: waiting for 15s after being ready");
        assertThat(summary(loki)).startsWith("Loki at " + url(StackService.LOKI, "/ready")
                + " answers HTTP 503: Ingester not ready: waiting for 15s after being ready. It may still be starting");
        assertThat(results.get("stack-logs-trace-id").status()).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void grafanaWithAFailingDatabaseOrAnotherProgramOnItsPortFails() throws Exception {
        stack.grafanaHealth(503, "{\"database\":\"failing\",\"version\":\"12.1.1\",\"commit\":\"df5de82\"}");
        CheckResult failing = run().get("stack-grafana-health");
        assertThat(failing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(failing.evidence()).containsEntry("database", "failing").containsEntry("status", "503");
        assertThat(summary(failing)).isEqualTo("Grafana at " + url(StackService.GRAFANA, "/api/health")
                + " answers, but its database is “failing”: read its logs (alloy-companion stack logs).");

        stack.grafanaHealth(200, "<!doctype html><html><body>My app</body></html>");
        CheckResult other = run().get("stack-grafana-health");
        assertThat(other.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(other)).isEqualTo("Grafana at " + url(StackService.GRAFANA, "/api/health")
                + " did not answer as expected: <!doctype html><html><body>My app</body></html>");
    }

    @Test
    void aJaegerDataSourceFailsWithTheMigrateFix() throws Exception {
        stack.datasources().add(FakeLocalStack.source(4, "jaeger", "Jaeger", "jaeger", "http://jaeger:16686", false, Map.of()));

        Map<String, CheckResult> results = run();

        CheckResult datasources = results.get("stack-datasources");
        assertThat(datasources.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(datasources.fix()).contains(Fix.REMOVE_JAEGER);
        assertThat(datasources.fix().get().command()).isEqualTo("alloy-companion dashboards migrate --remove-jaeger");
        assertThat(datasources.evidence()).containsEntry("jaeger", "Jaeger (uid jaeger, http://jaeger:16686)");
        assertThat(summary(datasources)).startsWith("Grafana still has a Jaeger data source (Jaeger)");
        // Only Grafana's health comes first: the links are still checked.
        assertThat(results.get("stack-correlation").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aMissingDataSourceFails() throws Exception {
        stack.datasources().removeIf(source -> source.get("type").equals("prometheus"));

        CheckResult datasources = run().get("stack-datasources");

        assertThat(datasources.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(datasources.evidence()).containsEntry("prometheus", "none");
        assertThat(summary(datasources)).startsWith("Grafana has no Prometheus data source");
    }

    @Test
    void dataSourcesAreFoundByTypeWhateverTheirUidsAndTheirSettingsAreAskedForWhenTheListLacksThem() throws Exception {
        // A Grafana set up by hand: generated uids, the links pointing at them, and a list without jsonData.
        stack.datasources().clear();
        stack.datasources().add(FakeLocalStack.source(7, "P214B5B846CF3925F", "Tempo (dev)", "tempo", "http://tempo:3200", false,
                new LinkedHashMap<>(Map.of("tracesToLogsV2", Map.of("datasourceUid", "P8E80F9AEF21F6940")))));
        stack.datasources().add(FakeLocalStack.source(8, "P8E80F9AEF21F6940", "Loki (dev)", "loki", "http://loki:3100", false,
                new LinkedHashMap<>(Map.of("derivedFields", List.of(Map.of("name", "trace", "matcherRegex", "traceID=(\\w+)",
                        "datasourceUid", "P214B5B846CF3925F", "url", "${__value.raw}"))))));
        stack.datasources().add(FakeLocalStack.source(9, "PBFA97CFB590B2093", "Prometheus (dev)", "prometheus",
                "http://prometheus:9090", true, new LinkedHashMap<>()));
        stack.listWithoutJsonData();

        Map<String, CheckResult> results = run();

        assertThat(results.get("stack-datasources").status()).isEqualTo(CheckStatus.PASS);
        assertThat(summary(results.get("stack-datasources"))).isEqualTo(
                "Grafana has Tempo (P214B5B846CF3925F), Loki (P8E80F9AEF21F6940) and Prometheus (PBFA97CFB590B2093), and no Jaeger.");
        CheckResult correlation = results.get("stack-correlation");
        assertThat(correlation.status()).as(summary(correlation)).isEqualTo(CheckStatus.PASS);
        assertThat(correlation.evidence()).containsEntry("logs → traces", "P8E80F9AEF21F6940 → P214B5B846CF3925F (trace)")
                .containsEntry("metrics → traces", "none");
        assertThat(stack.asked.get(StackService.GRAFANA)).contains("/api/datasources/uid/P214B5B846CF3925F",
                "/api/datasources/uid/P8E80F9AEF21F6940");
    }

    @Test
    void linksInOneDirectionOnlyWarnAndNoneFails() throws Exception {
        Map<String, Object> tempo = stack.jsonData("tempo");
        Object tracesToLogs = tempo.remove("tracesToLogsV2");
        CheckResult logsOnly = run().get("stack-correlation");
        assertThat(logsOnly.status()).isEqualTo(CheckStatus.WARN);
        assertThat(logsOnly.evidence()).containsEntry("traces → logs", "none");
        assertThat(summary(logsOnly)).isEqualTo("Logs open their traces, but traces do not open their logs: in the Tempo data "
                + "source (tempo), set Trace to logs to the Loki one (loki).");

        // Grafana before 10 kept it as tracesToLogs: that counts too.
        tempo.put("tracesToLogs", tracesToLogs);
        assertThat(run().get("stack-correlation").status()).isEqualTo(CheckStatus.PASS);
        tempo.remove("tracesToLogs");
        tempo.put("tracesToLogsV2", tracesToLogs);

        Object derived = stack.jsonData("loki").remove("derivedFields");
        CheckResult tracesOnly = run().get("stack-correlation");
        assertThat(tracesOnly.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(tracesOnly)).startsWith("Traces open their logs, but logs do not open their traces");

        // A derived field that opens another kind of data source is no link to traces.
        stack.jsonData("loki").put("derivedFields", List.of(Map.of("name", "TraceID", "matcherRegex", "trace_id=(\\w+)",
                "datasourceUid", "prometheus")));
        CheckResult notTempo = run().get("stack-correlation");
        assertThat(notTempo.status()).isEqualTo(CheckStatus.WARN);
        assertThat(notTempo.evidence()).containsEntry("logs → traces", "none")
                .containsEntry("links elsewhere", "loki → prometheus (TraceID) (not Tempo)");

        // A link to a data source that is not there is no link.
        stack.jsonData("loki").put("derivedFields", derived);
        tempo.put("tracesToLogsV2", Map.of("datasourceUid", "loki-old"));
        CheckResult dangling = run().get("stack-correlation");
        assertThat(dangling.status()).isEqualTo(CheckStatus.WARN);
        assertThat(dangling.evidence()).containsEntry("links elsewhere", "tempo → loki-old (tracesToLogsV2) (no such data source)");

        stack.jsonData("loki").remove("derivedFields");
        CheckResult none = run().get("stack-correlation");
        assertThat(none.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(none)).startsWith("Logs and traces are not linked");
    }

    @Test
    void noRedMetricsYetWarnsAndOffersTestTelemetry() throws Exception {
        stack.addSeries(1, "__name__", "up", "instance", "alloy:12345", "job", "alloy");

        CheckResult red = run().get("stack-red-metrics");

        assertThat(red.status()).isEqualTo(CheckStatus.WARN);
        assertThat(red.fix()).contains(Fix.SEND_TELEMETRY);
        assertThat(red.evidence()).containsEntry("series", "0");
        assertThat(summary(red)).startsWith("No traces_spanmetrics_calls_total in Prometheus yet: Tempo’s metrics generator");

        stack.spanMetrics();
        assertThat(run().get("stack-red-metrics").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void exportersTurnedOffAreSkippedWithWhy() throws Exception {
        CheckResult exporters = run().get("stack-exporters-scraped");

        assertThat(exporters.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(exporters)).isEqualTo("The stack scrapes no MySQL or Redis exporter (both are off in its settings).");
        assertThat(stack.asked.get(StackService.PROMETHEUS)).noneMatch(path -> path.contains("up%7B"));
    }

    @Test
    void anExporterDownOrNotScrapedFails() throws Exception {
        stack.addSeries(1, "__name__", "up", "instance", "mysqld-exporter:9104", "job", "mysql");
        stack.addSeries(0, "__name__", "up", "instance", "redis-exporter:9121", "job", "redis");
        CheckResult down = run(stack.settings().withExporters(true, true)).get("stack-exporters-scraped");
        assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(down.evidence()).containsEntry("up{job=\"redis\"}", "redis-exporter:9121 = 0");
        assertThat(summary(down)).startsWith("Alloy scrapes redis-exporter:9121 (job redis), but it does not answer (up = 0)");

        // Only the one turned on is asked about.
        CheckResult mysqlOnly = run(stack.settings().withExporters(true, false)).get("stack-exporters-scraped");
        assertThat(mysqlOnly.status()).isEqualTo(CheckStatus.PASS);
        assertThat(mysqlOnly.evidence()).containsOnlyKeys("up{job=\"mysql\"}");

        stack.clearSeries();
        CheckResult missing = run(stack.settings().withExporters(true, false)).get("stack-exporters-scraped");
        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missing.evidence()).containsEntry("up{job=\"mysql\"}", "no series");
        assertThat(summary(missing)).isEqualTo("Prometheus has no up series for job mysql: Alloy is not scraping "
                + "mysqld-exporter:9104, or not writing to Prometheus.");
    }

    @Test
    void logsWithoutTraceIdsWarnAndATraceIdInTheLineCounts() throws Exception {
        CheckResult empty = run().get("stack-logs-trace-id");
        assertThat(empty.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(empty)).isEqualTo("No logs reached Loki in the last 15 minutes: send some from your app, then check again.");

        plainLog("checkout", "GET /cart 200 in 12ms");
        plainLog("checkout", "level=info msg=\"no span\" trace_id=");
        plainLog("cart", "level=info msg=\"outside a trace\" trace_id=00000000000000000000000000000000");
        CheckResult none = run().get("stack-logs-trace-id");
        assertThat(none.status()).isEqualTo(CheckStatus.WARN);
        assertThat(none.evidence()).containsEntry("lines", "3").containsEntry("services", "cart, checkout");
        assertThat(summary(none)).startsWith("None of the 3 newest log lines carries a trace id");

        plainLog("cart", "{\"level\":\"info\",\"msg\":\"added item\",\"traceId\":\"" + TRACE + "\",\"spanId\":\"00f067aa0ba902b7\"}");
        CheckResult inLine = run().get("stack-logs-trace-id");
        assertThat(inLine.status()).isEqualTo(CheckStatus.PASS);
        assertThat(inLine.evidence()).containsEntry("query", LocalStackChecks.LINES_WITH_TRACE_ID)
                .containsEntry("example", "cart trace_id=" + TRACE)
                // The line filter also returns the two lines that only name trace_id; they carry none.
                .containsEntry("lines with a trace id", "1 of 3");
    }

    @Test
    void theChecksAskTheServicesOnThePortsTheSettingsPublish() throws Exception {
        List<String> seen = new ArrayList<>();
        Map<String, CheckResult> results = run();
        for (StackService service : List.of(StackService.ALLOY, StackService.TEMPO, StackService.LOKI, StackService.PROMETHEUS)) {
            seen.add(results.get("stack-" + service.id() + "-ready").evidence().get("url"));
        }
        assertThat(seen).containsExactly(url(StackService.ALLOY, "/-/ready"), url(StackService.TEMPO, "/ready"),
                url(StackService.LOKI, "/ready"), url(StackService.PROMETHEUS, "/-/ready"));
        assertThat(Optional.ofNullable(results.get("stack-grafana-health").evidence().get("url")))
                .contains(url(StackService.GRAFANA, "/api/health"));
    }

    @Test
    void programsOfThisComputerAreCheckedByTheirUpSeriesUnderTheAddressTheContainerUses() throws Exception {
        StackSettings settings = stack.settings().withHostSources(new StackSettings.HostSources(
                List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15),
                        new StackSettings.Scrape("api", "10.0.0.5:9000", "/prom", 15)), List.of()));
        stack.addSeries(1, "__name__", "up", "instance", "host.docker.internal:8787", "job", "worker");
        CheckResult missing = run(settings).get("stack-host-targets");
        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(missing)).isEqualTo("Prometheus has no up series for job api: the stack’s Alloy is not scraping "
                + "10.0.0.5:9000 yet (it scrapes every 15 s), or not writing to Prometheus.");

        stack.addSeries(0, "__name__", "up", "instance", "10.0.0.5:9000", "job", "api");
        CheckResult down = run(settings).get("stack-host-targets");
        assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(down)).startsWith("The stack’s Alloy scrapes 10.0.0.5:9000 (job api), but nothing answers there");

        stack.clearSeries();
        stack.addSeries(1, "__name__", "up", "instance", "host.docker.internal:8787", "job", "worker");
        stack.addSeries(1, "__name__", "up", "instance", "10.0.0.5:9000", "job", "api");
        CheckResult up = run(settings).get("stack-host-targets");
        assertThat(up.status()).isEqualTo(CheckStatus.PASS);
        assertThat(up.evidence()).containsEntry("up{job=\"worker\"}", "host.docker.internal:8787 = 1");
        assertThat(summary(run().get("stack-host-targets"))).isEqualTo("The stack scrapes no program of this computer (none in its sources).");
    }
}
