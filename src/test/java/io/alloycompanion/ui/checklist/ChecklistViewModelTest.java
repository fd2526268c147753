package io.alloycompanion.ui.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.Fix;
import io.alloycompanion.core.checks.Text;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.telemetry.TestTelemetry;
import io.alloycompanion.testsupport.StandInProcess;
import java.net.URI;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The checklist's logic without a toolkit: checks are scripted, tasks run when the test says. */
class ChecklistViewModelTest {

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final AtomicInteger builds = new AtomicInteger();
    private final List<Optional<String>> frontends = new ArrayList<>();

    private static Check check(String id, String titleKey, List<String> dependsOn, Check.Outcome outcome) {
        return Check.of(id, titleKey, dependsOn, Duration.ofSeconds(15), () -> outcome);
    }

    private ChecklistViewModel model(Locale locale) {
        ChecklistViewModel model = new ChecklistViewModel(frontend -> {
            builds.incrementAndGet();
            frontends.add(frontend);
            return List.of(
                    check("config-valid", "check.config.valid", List.of(), Check.Outcome.fail(
                            Text.of("check.config.valid.errors", 1, "/x/config.alloy:3:1: expected }, got EOF"),
                            Check.evidence("file", "/x/config.alloy", "errors", "1"), Fix.OPEN_CONFIG)),
                    check("config-endpoints", "check.config.endpoints", List.of("config-valid"),
                            Check.Outcome.pass(Text.of("check.config.endpoints.filled", 1), Map.of())),
                    check("alloy-installed", "check.alloy.installed", List.of(),
                            Check.Outcome.pass(Text.of("check.alloy.installed.found", "v1.18.0", "/opt/alloy"),
                                    Check.evidence("version", "v1.18.0"))));
        }, new CheckRunner(), executor, new Localization(locale), fxQueue::add,
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
        return model;
    }

    private void drain() {
        executor.runAll();
        List<Runnable> pending = new ArrayList<>(fxQueue);
        fxQueue.clear();
        pending.forEach(Runnable::run);
    }

    @Test
    void aRunShowsEachItemCheckingThenItsResultWithTheFixAndASummary() {
        ChecklistViewModel model = model(Locale.ENGLISH);
        model.frontendUrlProperty().set("  http://localhost:3000 ");
        model.run();

        assertThat(model.rows()).extracting(ChecklistViewModel.Row::id).containsExactly("config-valid", "config-endpoints", "alloy-installed");
        assertThat(model.rows()).allMatch(ChecklistViewModel.Row::checking).allMatch(row -> row.result().isEmpty());
        assertThat(model.summaryProperty().get()).isEqualTo("Checking…");
        assertThat(model.runningProperty().get()).isTrue();

        drain();

        assertThat(frontends).containsExactly(Optional.of("http://localhost:3000"));
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.rows()).noneMatch(ChecklistViewModel.Row::checking);
        assertThat(model.rows()).extracting(row -> row.result().get().status())
                .containsExactly(CheckStatus.FAIL, CheckStatus.SKIPPED, CheckStatus.PASS);
        assertThat(model.render(model.rows().get(1).result().get().summary())).isEqualTo("Not checked: needs “Config valid” first.");
        assertThat(model.summaryProperty().get()).isEqualTo("1 failed, 1 passed, 0 warnings, 1 not checked.");
        assertThat(model.rows().get(0).result().get().fix()).contains(Fix.OPEN_CONFIG);
        assertThat(model.fixText(Fix.OPEN_CONFIG)).isEqualTo("Open the config");

        List<Fix> asked = new ArrayList<>();
        model.onFix(asked::add);
        model.fix(Fix.OPEN_CONFIG);
        assertThat(asked).containsExactly(Fix.OPEN_CONFIG);
    }

    @Test
    void fixesWithoutAScreenHereGetNoButtonAndTheExportNamesTheModeTheRunWasMadeIn() throws Exception {
        ChecklistViewModel model = model(Locale.ENGLISH);
        assertThat(Fix.values()).allMatch(model::offers);
        model.offerFixes(EnumSet.complementOf(EnumSet.of(Fix.START_STACK, Fix.REMOVE_JAEGER)));
        assertThat(model.offers(Fix.START_STACK)).isFalse();
        assertThat(model.offers(Fix.REMOVE_JAEGER)).isFalse();
        assertThat(model.offers(Fix.SEND_TELEMETRY)).isTrue();
        assertThat(model.fixText(Fix.START_STACK)).isEqualTo("Start the stack");
        assertThat(model.fixText(Fix.SEND_TELEMETRY)).isEqualTo("Send test telemetry");
        assertThat(model.fixText(Fix.REMOVE_JAEGER)).isEqualTo("Migrate from Jaeger");

        String[] mode = {"local-stack"};
        model.describeModeWith(() -> mode[0]);
        model.run();
        mode[0] = "grafana-cloud";
        drain();
        assertThat(new ObjectMapper().readTree(model.json()).get("mode").asText()).isEqualTo("local-stack");
    }

    @Test
    void aRunAskedForDuringARunHappensOnceAfterItAndKeepsThePreviousResultsShownMeanwhile() {
        ChecklistViewModel model = model(Locale.ENGLISH);
        model.run();
        drain();
        model.run();
        model.run();
        model.run();
        assertThat(model.rows()).allMatch(ChecklistViewModel.Row::checking).allMatch(row -> row.result().isPresent());
        drain();
        drain();
        assertThat(builds.get()).as("the first run, the second, and one more for the two asked during it").isEqualTo(3);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void exportsTheLastRunAsJsonAndMarkdownInTheScreensLanguage() throws Exception {
        ChecklistViewModel model = model(Locale.forLanguageTag("es"));
        assertThat(model.hasResults()).isFalse();
        model.run();
        drain();

        JsonNode json = new ObjectMapper().readTree(model.json());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("checks").get(0).get("status").asText()).isEqualTo("fail");
        assertThat(json.get("checks").get(0).get("fix").get("command").asText()).isEqualTo("alloy-companion config validate FILE");
        assertThat(json.get("checks").get(2).get("evidence").get("version").asText()).isEqualTo("v1.18.0");

        String markdown = model.markdown();
        assertThat(markdown).startsWith("# Lista de control\n\n2026-11-21T10:00:00Z\n")
                .contains("| ✖ | ").contains("| ✔ | ").contains("- `version`: v1.18.0").doesNotContain("check.");
    }

    @Test
    void aCheckStillRunningShowsAsCheckingUntilItEnds() throws Exception {
        ChecklistViewModel model = new ChecklistViewModel(frontend -> List.of(new Check() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public Text title() {
                return Text.of("check.agent.running");
            }

            @Override
            public Duration timeout() {
                return Duration.ofMillis(200);
            }

            @Override
            public Check.Outcome run() throws Exception {
                Thread.sleep(5_000);
                return Check.Outcome.pass(Text.of("check.agent.errors.none"), Map.of());
            }
        }), new CheckRunner(), executor, new Localization(Locale.ENGLISH), fxQueue::add, Clock.systemUTC());
        model.run();
        drain();
        assertThat(model.rows().get(0).result().get().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(model.render(model.rows().get(0).result().get().summary())).isEqualTo("No answer within 0.2 s.");
    }

    @Test
    void testTelemetryToARealReceiverIsAcceptedPerSignalAndTheListIsCheckedAgain(@TempDir Path temp) throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        String config = "otelcol.receiver.otlp \"default\" {\n  http {\n    endpoint = \"127.0.0.1:" + port + "\"\n  }\n\n"
                + "  output {\n    traces  = []\n    logs    = []\n    metrics = []\n  }\n}\n";
        try (StandInProcess alloy = StandInProcess.start(temp, config)) {
            ChecklistViewModel model = model(Locale.ENGLISH);
            model.sendTelemetryWith(() -> new TestTelemetry(URI.create("http://127.0.0.1:" + port),
                    new AlloyApi(AlloyApi.loopbackClient(), alloy.listen())).send());
            model.sendTestTelemetry();
            assertThat(model.sendingProperty().get()).isTrue();
            assertThat(model.telemetryResultProperty().get()).startsWith("Sending one span");
            drain();
            drain();

            String result = model.telemetryResultProperty().get();
            assertThat(result).startsWith("Alloy accepted the test telemetry sent to http://127.0.0.1:" + port
                    + " (service.name=alloy-companion-smoke, run ");
            assertThat(result.lines()).containsSubsequence("✔ span accepted (Alloy’s counter 0 → 1)",
                    "✔ log record accepted (Alloy’s counter 0 → 1)", "✔ metric point accepted (Alloy’s counter 0 → 1)");
            assertThat(builds.get()).as("checked again after sending").isEqualTo(1);
            assertThat(model.sendingProperty().get()).isFalse();
        }
    }

    @Test
    void testTelemetryWithNothingListeningSaysSoPerSignal() throws Exception {
        int port = StandInProcess.freePort();
        ChecklistViewModel model = model(Locale.ENGLISH);
        model.sendTelemetryWith(() -> new TestTelemetry(URI.create("http://127.0.0.1:" + port),
                new AlloyApi(AlloyApi.loopbackClient(), "127.0.0.1:" + StandInProcess.freePort())).send());
        model.sendTestTelemetry();
        drain();
        String result = model.telemetryResultProperty().get();
        assertThat(result).startsWith("Not everything sent to http://127.0.0.1:" + port);
        assertThat(result.lines().skip(1)).hasSize(3).allMatch(line -> line.startsWith("✖ ")).anyMatch(line -> line.contains("nothing listens"));
    }

    @Test
    void whyASignalWasNotAcceptedIsSaidInTheUsersLanguage() {
        ChecklistViewModel model = model(Locale.forLanguageTag("es"));
        URI otlp = URI.create("http://127.0.0.1:4318");
        URI alloy = URI.create("http://127.0.0.1:12345");
        io.alloycompanion.core.telemetry.ReceiverCounters none = io.alloycompanion.core.telemetry.ReceiverCounters.NONE;
        io.alloycompanion.core.telemetry.ReceiverCounters counted = new io.alloycompanion.core.telemetry.ReceiverCounters(
                java.util.Optional.of(3.0), java.util.Optional.of(1.0));
        io.alloycompanion.core.telemetry.ReceiverCounters refusedMore = new io.alloycompanion.core.telemetry.ReceiverCounters(
                java.util.Optional.of(3.0), java.util.Optional.of(2.0));
        var report = new io.alloycompanion.core.telemetry.TelemetryReport(otlp, alloy, "alloy-companion-smoke", "run-1", java.util.List.of(
                new io.alloycompanion.core.telemetry.SignalResult(io.alloycompanion.core.telemetry.TelemetrySignal.TRACES,
                        new io.alloycompanion.core.telemetry.Delivery.Failed("connection refused", java.util.Optional.empty()),
                        io.alloycompanion.core.telemetry.Acceptance.NO, none, none, "Not sent: connection refused."),
                new io.alloycompanion.core.telemetry.SignalResult(io.alloycompanion.core.telemetry.TelemetrySignal.LOGS,
                        new io.alloycompanion.core.telemetry.Delivery.Sent(1), io.alloycompanion.core.telemetry.Acceptance.NO,
                        counted, refusedMore, "Alloy refused it"),
                new io.alloycompanion.core.telemetry.SignalResult(io.alloycompanion.core.telemetry.TelemetrySignal.METRICS,
                        new io.alloycompanion.core.telemetry.Delivery.Sent(1), io.alloycompanion.core.telemetry.Acceptance.UNKNOWN,
                        none, none, "Sent, and …")), java.util.Optional.empty(), java.time.Duration.ofMillis(5));

        assertThat(model.describe(report).lines().skip(1)).containsExactly(
                "✖ span: no enviado: connection refused",
                "✖ registro de log: Alloy lo rechazó (su contador de rechazos 1 → 2): los componentes tras el receptor no aceptaron "
                        + "los datos; revisa los logs de Alloy.",
                "⚠ punto de métrica: enviado, y http://127.0.0.1:4318 respondió OK, pero Alloy en http://127.0.0.1:12345 no tiene "
                        + "contadores del receptor: ¿ese puerto es el otelcol.receiver.otlp de este Alloy o el de otro programa?");
    }

    @Test
    void theImportDashboardFixImportsTheStarterIntoTheStacksGrafanaSaysSoAndChecksAgain() throws Exception {
        String token = io.alloycompanion.testsupport.FakeTokens.serviceAccount();
        try (io.alloycompanion.testsupport.FakeGrafana grafana = new io.alloycompanion.testsupport.FakeGrafana()
                .withDatasource("grafanacloud-prom", "grafanacloud-test-prom", "prometheus", true).requireToken(token)) {
            ChecklistViewModel model = model(Locale.ENGLISH);
            assertThat(model.fixText(Fix.IMPORT_DASHBOARD)).isEqualTo("Import the starter dashboard");
            model.importStarterWith(() -> {
                try (io.alloycompanion.core.secrets.Secret secret = io.alloycompanion.core.secrets.Secret.of(token.toCharArray())) {
                    return new io.alloycompanion.core.grafana.DashboardImporter(new io.alloycompanion.core.grafana.GrafanaClient(
                            URI.create(grafana.url()), Optional.of(secret), java.net.ProxySelector.of(null)))
                            .importDashboards(List.of(io.alloycompanion.core.grafana.DashboardImporter.Source.starter()),
                                    io.alloycompanion.core.grafana.DashboardImporter.Options.defaults());
                }
            });
            model.importStarterDashboard();
            assertThat(model.importingProperty().get()).isTrue();
            assertThat(model.dashboardResultProperty().get()).isEqualTo("Importing the starter dashboard…");
            drain();
            drain();

            String result = model.dashboardResultProperty().get();
            assertThat(result.lines().findFirst().orElseThrow()).startsWith("“Alloy Companion — RED metrics and logs” imported into "
                    + grafana.url() + ": " + grafana.url() + "/d/alloy-companion-starter/");
            assertThat(result).contains("uid grafanacloud-prom").doesNotContain(token);
            assertThat(grafana.savedDashboard("alloy-companion-starter")).isPresent();
            assertThat(builds.get()).as("checked again after importing").isEqualTo(1);
            assertThat(model.importingProperty().get()).isFalse();

            // A token Grafana refuses: said, nothing re-run.
            model.importStarterWith(() -> {
                try (io.alloycompanion.core.secrets.Secret secret = io.alloycompanion.core.secrets.Secret.of("wrong".toCharArray())) {
                    return new io.alloycompanion.core.grafana.DashboardImporter(new io.alloycompanion.core.grafana.GrafanaClient(
                            URI.create(grafana.url()), Optional.of(secret), java.net.ProxySelector.of(null)))
                            .importDashboards(List.of(io.alloycompanion.core.grafana.DashboardImporter.Source.starter()),
                                    io.alloycompanion.core.grafana.DashboardImporter.Options.defaults());
                }
            });
            model.importStarterDashboard();
            drain();
            assertThat(model.dashboardResultProperty().get()).startsWith("The starter dashboard could not be imported: Grafana at "
                    + grafana.url() + " did not accept the service account token (401");
        }
    }
}
