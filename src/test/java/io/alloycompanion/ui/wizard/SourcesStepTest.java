package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.config.generate.ConfigGenerator;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sources and endpoints step without a toolkit: checks as you type, gating, state, prefill, the model. */
class SourcesStepTest {

    static final String METRICS_URL = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push";
    static final String LOGS_URL = "https://logs-prod-012.grafana.net/loki/api/v1/push";
    static final String OTLP_URL = "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp";

    @TempDir
    Path temp;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final ModeStep mode = new ModeStep();
    private final AtomicReference<Optional<StackProfile>> active = new AtomicReference<>(Optional.empty());
    private SettingsStore store;
    private SettingsWriter settings;
    private SourcesStep step;

    @BeforeEach
    void setUp() throws Exception {
        store = new SettingsStore(temp.resolve("settings.json"));
        store.load();
        settings = new SettingsWriter(store, error -> { throw new AssertionError(error); });
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        step = new SourcesStep(mode, active::get, settings, executor, l10n);
    }

    @AfterEach
    void finishWrites() throws Exception {
        settings.updateAndFinish(current -> current, Duration.ofSeconds(5));
        assertThat(executor.unexpected()).isEmpty();
    }

    static StackProfile profile(String name, String metricsUser) {
        return StackProfile.named(name)
                .withEndpoint(Signal.METRICS, new Endpoint(METRICS_URL, metricsUser))
                .withEndpoint(Signal.LOGS, new Endpoint(LOGS_URL, "654321"))
                .withEndpoint(Signal.OTLP, new Endpoint(OTLP_URL, "111222"))
                .withEndpoint(Signal.TRACES, new Endpoint("tempo-prod-10-prod-eu-west-2.grafana.net:443", "333444"));
    }

    private void enter() {
        step.onEnter();
        step.enterAction().ifPresent(action -> action.start((fraction, message) -> { }, () -> { }));
        executor.runAll();
    }

    @Test
    void startsWithTheGuidesWorkerAndTheLocalOtlpReceiverAndAsksForADestination() {
        assertThat(step.targets()).hasSize(1);
        ScrapeTargetInput worker = step.targets().get(0);
        assertThat(List.of(worker.jobProperty().get(), worker.addressProperty().get(), worker.pathProperty().get(),
                worker.intervalProperty().get())).containsExactly("worker", "localhost:8787", "/metrics", "15s");
        assertThat(step.otlpEnabledProperty().get()).isTrue();
        assertThat(step.otlpEndpointProperty().get()).isEqualTo("127.0.0.1:4318");
        assertThat(step.valid().get()).isFalse();
        assertThat(step.problemProperty().get()).isEqualTo("Fill in at least one endpoint with its username.");
    }

    @Test
    void eachFieldSaysWhatIsWrongAsItIsTyped() {
        ScrapeTargetInput target = step.targets().get(0);
        target.addressProperty().set("localhost");
        assertThat(target.addressErrorProperty().get()).isEqualTo("Add the port: localhost:PORT.");
        target.addressProperty().set("http://localhost:8787");
        assertThat(target.addressErrorProperty().get()).isEqualTo("Leave out http://: only host:port, e.g. localhost:8787.");
        target.addressProperty().set("localhost:8787/metrics");
        assertThat(target.addressErrorProperty().get()).startsWith("Only host:port here");
        target.addressProperty().set("localhost:99999");
        assertThat(target.addressErrorProperty().get()).isEqualTo("The port must be a number from 1 to 65535.");
        target.addressProperty().set("my host:80");
        assertThat(target.addressErrorProperty().get()).isEqualTo("“my host” is not a host name or IP address.");
        target.addressProperty().set("::1:8787");
        assertThat(target.addressErrorProperty().get()).startsWith("Put an IPv6 address in brackets");
        target.addressProperty().set("[::1]:8787");
        assertThat(target.addressErrorProperty().get()).isEmpty();
        target.addressProperty().set("api.internal:8787");
        assertThat(target.addressErrorProperty().get()).isEmpty();

        target.intervalProperty().set("15");
        assertThat(target.intervalErrorProperty().get()).isEqualTo("Add a unit: 15s, 15m or 15h.");
        target.intervalProperty().set("fast");
        assertThat(target.intervalErrorProperty().get()).isEqualTo("Use a duration such as 15s, 1m or 1m30s.");
        target.intervalProperty().set("0s");
        assertThat(target.intervalErrorProperty().get()).isEqualTo("The interval must be longer than zero.");
        target.intervalProperty().set("1m30s");
        assertThat(target.intervalErrorProperty().get()).isEmpty();

        target.pathProperty().set("metrics");
        assertThat(target.pathErrorProperty().get()).startsWith("Start with /");
        target.pathProperty().set("/internal/metrics");
        assertThat(target.pathErrorProperty().get()).isEmpty();

        target.jobProperty().set("");
        assertThat(target.jobErrorProperty().get()).isEqualTo("Give this target a job name.");
        target.jobProperty().set("my worker");
        assertThat(target.jobErrorProperty().get()).startsWith("Use letters, digits");
        target.jobProperty().set("api-worker");
        ScrapeTargetInput second = step.addTarget();
        second.addressProperty().set("localhost:9000");
        second.jobProperty().set("api_worker");
        assertThat(second.jobErrorProperty().get()).as("both would be prometheus.scrape.api_worker")
                .isEqualTo("Another target already uses this job name.");
        assertThat(step.valid().get()).isFalse();
        assertThat(step.problemProperty().get()).isEqualTo("Fix the fields marked in red to go on.");

        step.otlpEndpointProperty().set("127.0.0.1");
        assertThat(step.otlpErrorProperty().get()).isEqualTo("Add the port: 127.0.0.1:PORT.");
        step.otlpEndpointProperty().set("0.0.0.0:4318");
        assertThat(step.otlpErrorProperty().get()).isEmpty();
        assertThat(step.otlpExposedProperty().get()).as("0.0.0.0 is explained, not refused").isTrue();
        step.otlpEndpointProperty().set("127.0.0.1:4318");
        assertThat(step.otlpExposedProperty().get()).isFalse();

        LogFileInput log = step.addLogFile();
        assertThat(log.errorProperty().get()).as("an empty line is ignored").isEmpty();
        log.pathProperty().set("logs/app.log");
        assertThat(log.errorProperty().get()).startsWith("Use a full path");
        log.pathProperty().set("~/app.log");
        assertThat(log.errorProperty().get()).startsWith("Alloy does not expand ~");
        log.pathProperty().set("/var/log/app/*.log");
        assertThat(log.errorProperty().get()).isEmpty();
        log.pathProperty().set("C:\\logs\\app.log");
        assertThat(log.errorProperty().get()).isEmpty();

        step.frontendUrlProperty().set("localhost:3000");
        assertThat(step.frontendErrorProperty().get()).startsWith("Enter an http:// or https:// address");
        step.frontendUrlProperty().set("http://localhost:3000");
        assertThat(step.frontendErrorProperty().get()).isEmpty();

        EndpointInput metrics = step.endpoint(Signal.METRICS);
        metrics.usernameProperty().set("12ab");
        assertThat(metrics.urlErrorProperty().get()).isEqualTo("Enter the URL that goes with this username.");
        assertThat(metrics.usernameErrorProperty().get()).isEqualTo("The username is a number: the stack’s hmInstancePromId.");
        metrics.urlProperty().set("http://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push");
        assertThat(metrics.urlErrorProperty().get()).isEqualTo("Grafana Cloud takes https:// only.");
        metrics.urlProperty().set("prometheus-prod-24-prod-eu-west-2.grafana.net");
        assertThat(metrics.urlErrorProperty().get()).isEqualTo("Start with https://.");
        metrics.urlProperty().set(METRICS_URL);
        metrics.usernameProperty().set("");
        assertThat(metrics.usernameErrorProperty().get()).isEqualTo("Enter the username: the stack’s hmInstancePromId.");
        step.endpoint(Signal.LOGS).urlProperty().set(LOGS_URL);
        assertThat(step.endpoint(Signal.LOGS).usernameErrorProperty().get()).endsWith("the stack’s hlInstanceId.");
        step.endpoint(Signal.OTLP).urlProperty().set(OTLP_URL);
        assertThat(step.endpoint(Signal.OTLP).usernameErrorProperty().get()).endsWith("the stack’s id.");

        // A Prometheus of your own on this computer: plain http and any username are fine; elsewhere, https.
        metrics.urlProperty().set("http://127.0.0.1:9090/api/v1/write");
        metrics.usernameProperty().set("alloy-companion-test");
        assertThat(metrics.urlErrorProperty().get()).isEmpty();
        assertThat(metrics.usernameErrorProperty().get()).isEmpty();
        metrics.urlProperty().set("http://mimir.example.com/api/v1/push");
        assertThat(metrics.urlErrorProperty().get()).isEqualTo("Grafana Cloud takes https:// only.");
        metrics.urlProperty().set(METRICS_URL);
        assertThat(metrics.usernameErrorProperty().get()).isEqualTo("The username is a number: the stack’s hmInstancePromId.");

        // A token pasted into the wrong field is refused and never saved with the wizard's state.
        String token = io.alloycompanion.testsupport.FakeTokens.cloud("42", "wizard", "prod-eu-west-2");
        metrics.usernameProperty().set(token);
        assertThat(metrics.usernameErrorProperty().get()).startsWith("This looks like a token or a password");
        assertThat(step.saveState().values()).noneMatch(value -> value.contains(token));
        metrics.urlProperty().set("https://123:" + token + "@prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push");
        assertThat(metrics.urlErrorProperty().get()).startsWith("This looks like a token or a password");
        metrics.urlProperty().set("https://user:pass@prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push");
        assertThat(metrics.urlErrorProperty().get()).startsWith("This looks like a token or a password");
    }

    @Test
    void messagesFollowTheLanguage() {
        active.set(Optional.of(profile("dev", "123456")));
        enter();
        step.targets().get(0).intervalProperty().set("15");
        l10n.setLocale(Locale.forLanguageTag("es"));
        assertThat(step.targets().get(0).intervalErrorProperty().get()).isEqualTo("Añade una unidad: 15s, 15m o 15h.");
        assertThat(step.profileNoteProperty().get()).startsWith("Rellenado desde el perfil activo dev");
    }

    @Test
    void validNeedsASourceAndInGrafanaCloudADestinationAndNoErrors() {
        step.endpoint(Signal.METRICS).urlProperty().set(METRICS_URL);
        step.endpoint(Signal.METRICS).usernameProperty().set("123456");
        assertThat(step.valid().get()).isTrue();
        assertThat(step.notes()).containsExactly(
                "Without the OTLP gateway, traces sent to the OTLP receiver are dropped.");

        step.removeTarget(step.targets().get(0));
        step.otlpEnabledProperty().set(false);
        assertThat(step.valid().get()).isFalse();
        assertThat(step.problemProperty().get()).startsWith("Choose at least one thing to collect");
        LogFileInput log = step.addLogFile();
        assertThat(step.valid().get()).as("an empty log line is not a source").isFalse();
        log.pathProperty().set("/var/log/app.log");
        assertThat(step.valid().get()).isTrue();
        assertThat(step.notes()).containsExactly("Without a logs endpoint the log files are left out of the config.");

        step.endpoint(Signal.METRICS).usernameProperty().set("abc");
        assertThat(step.valid().get()).isFalse();
        step.endpoint(Signal.METRICS).usernameProperty().set("");
        step.endpoint(Signal.METRICS).urlProperty().set("");
        assertThat(step.valid().get()).isFalse();
        assertThat(step.problemProperty().get()).isEqualTo("Fill in at least one endpoint with its username.");
    }

    @Test
    void theLocalStackNeedsNoEndpointsAndGetsTheStacksDestination() {
        step.endpoint(Signal.METRICS).usernameProperty().set("not a number");
        assertThat(step.valid().get()).isFalse();
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        assertThat(step.valid().get()).as("the hidden cloud fields do not count").isTrue();
        assertThat(step.endpoint(Signal.METRICS).usernameErrorProperty().get()).isEmpty();
        assertThat(step.enterAction()).as("no profile to read").isEmpty();
        ConfigModel model = step.model();
        assertThat(model.destination()).isEqualTo(ConfigModel.LocalStack.defaults(false, false));
        String config = ConfigGenerator.generate(model);
        assertThat(config).contains("prometheus.scrape \"worker\"", "prometheus.remote_write \"local\"",
                "http://prometheus:9090/api/v1/write", "otelcol.exporter.otlphttp \"tempo\"").doesNotContain("GCLOUD_RW_API_KEY");
    }

    @Test
    void theEndpointsComeFromTheActiveProfileWithoutOverwritingWhatWasTyped() {
        active.set(Optional.of(profile("dev", "123456")));
        step.endpoint(Signal.LOGS).usernameProperty().set("999");
        enter();
        assertThat(step.endpoint(Signal.METRICS).urlProperty().get()).isEqualTo(METRICS_URL);
        assertThat(step.endpoint(Signal.METRICS).usernameProperty().get()).isEqualTo("123456");
        assertThat(step.endpoint(Signal.LOGS).urlProperty().get()).isEqualTo(LOGS_URL);
        assertThat(step.endpoint(Signal.LOGS).usernameProperty().get()).as("typed by the user").isEqualTo("999");
        assertThat(step.endpoint(Signal.OTLP).usernameProperty().get()).isEqualTo("111222");
        assertThat(step.profileNoteProperty().get()).startsWith("Filled in from the active profile dev");
        assertThat(step.valid().get()).isTrue();

        // The profile changed meanwhile (back to Credentials): untouched fields follow it, edited ones stay.
        step.endpoint(Signal.OTLP).urlProperty().set("https://otlp-gateway-prod-us-east-0.grafana.net/otlp");
        active.set(Optional.of(profile("dev", "777")));
        enter();
        assertThat(step.endpoint(Signal.METRICS).usernameProperty().get()).isEqualTo("777");
        assertThat(step.endpoint(Signal.OTLP).urlProperty().get()).isEqualTo("https://otlp-gateway-prod-us-east-0.grafana.net/otlp");

        active.set(Optional.empty());
        enter();
        assertThat(step.profileNoteProperty().get()).startsWith("No active profile");
    }

    @Test
    void anUnreadableProfileIsSaidAndTheFieldsStayEditable() {
        step = new SourcesStep(mode, () -> {
            throw new java.io.IOException("profiles.json is not JSON");
        }, settings, executor, l10n);
        enter();
        assertThat(step.profileNoteProperty().get()).isEqualTo(
                "The active profile cannot be read (profiles.json is not JSON): fill in the endpoints by hand.");
    }

    @Test
    void everyInputSurvivesSaveAndRestoreSoBackNextAndARestartLoseNothing() {
        active.set(Optional.of(profile("dev", "123456")));
        enter();
        step.targets().get(0).intervalProperty().set("30s");
        ScrapeTargetInput api = step.addTarget();
        api.jobProperty().set("api");
        api.addressProperty().set("127.0.0.1:9100");
        api.pathProperty().set("/prom");
        step.otlpEndpointProperty().set("0.0.0.0:4318");
        step.addLogFile().pathProperty().set("/var/log/api/*.log");
        step.frontendUrlProperty().set("http://localhost:3000");
        step.endpoint(Signal.LOGS).usernameProperty().set("888");
        Map<String, String> saved = step.saveState();
        assertThat(saved.values()).as("no secret, only what was typed").noneMatch(value -> value.startsWith("glc_"));

        SourcesStep restored = new SourcesStep(mode, active::get, settings, executor, l10n);
        restored.restoreState(saved);
        assertThat(restored.saveState()).isEqualTo(saved);
        assertThat(restored.model()).isEqualTo(step.model());
        assertThat(restored.valid().get()).isTrue();
        // The restored prefill still knows what came from the profile: a changed profile updates only those fields.
        active.set(Optional.of(profile("dev", "555")));
        restored.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(restored.endpoint(Signal.METRICS).usernameProperty().get()).isEqualTo("555");
        assertThat(restored.endpoint(Signal.LOGS).usernameProperty().get()).isEqualTo("888");

        SourcesStep emptied = new SourcesStep(mode, active::get, settings, executor, l10n);
        step.removeTarget(step.targets().get(0));
        step.removeTarget(step.targets().get(0));
        emptied.restoreState(step.saveState());
        assertThat(emptied.targets()).as("no targets stays no targets, not the suggestion").isEmpty();
    }

    @Test
    void theModelGeneratesTheChosenComponentsAndNeverTheToken() {
        step.targets().get(0).intervalProperty().set("5s");
        step.addLogFile().pathProperty().set("/var/log/app.log");
        for (Signal signal : SourcesStep.DESTINATIONS) {
            step.endpoint(signal).offer(profile("dev", "123456").endpoint(signal).orElseThrow());
        }
        ConfigModel model = step.model();
        assertThat(model.scrapes()).containsExactly(new ConfigModel.ScrapeTarget("worker", "localhost:8787", "/metrics",
                Duration.ofSeconds(5)));
        assertThat(model.destination()).isEqualTo(new ConfigModel.GrafanaCloud(
                Optional.of(new ConfigModel.Endpoint(METRICS_URL, "123456")),
                Optional.of(new ConfigModel.Endpoint(LOGS_URL, "654321")),
                Optional.of(new ConfigModel.OtlpGateway(OTLP_URL, "111222")), ConfigModel.EnvToken.DEFAULT));
        String config = ConfigGenerator.generate(model);
        assertThat(config).contains(
                "prometheus.scrape \"worker\"",
                "\"__address__\" = \"localhost:8787\"",
                "scrape_interval = \"5s\"",
                "local.file_match \"app_logs\"",
                "loki.source.file \"app_logs\"",
                "otelcol.receiver.otlp \"default\"",
                "endpoint = \"127.0.0.1:4318\"",
                "prometheus.remote_write \"metrics_service\"",
                "loki.write \"grafana_cloud_loki\"",
                "otelcol.exporter.otlphttp \"grafana_cloud\"",
                "password = sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(config).doesNotContain("glc_");
    }

    @Test
    void leavingSavesAValidFrontEndUrlInTheSettingsForTheChecklist() {
        List<Optional<String>> told = new ArrayList<>();
        step.setAfterFrontendUrlSaved(told::add);
        step.frontendUrlProperty().set("http://localhost:3000 ");
        step.onLeave();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().frontendUrl().isPresent());
        assertThat(store.current().frontendUrl()).contains("http://localhost:3000");
        assertThat(told).containsExactly(Optional.of("http://localhost:3000"));

        step.frontendUrlProperty().set("not a url");
        step.onLeave();
        assertThat(told).as("an invalid value is not saved").hasSize(1);
        step.frontendUrlProperty().set("");
        step.onLeave();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().frontendUrl().isEmpty());

        SourcesStep fresh = new SourcesStep(mode, active::get, settings, executor, l10n);
        assertThat(fresh.frontendUrlProperty().get()).isEmpty();
    }

    @Test
    void aDestinationEmptiedOnPurposeIsNotRefilledWhenTheStepIsEnteredAgain() {
        step.prefill(Optional.of(profile("dev", "123456")));
        EndpointInput logs = step.endpoint(Signal.LOGS);
        assertThat(logs.urlProperty().get()).isNotEmpty();
        logs.urlProperty().set("");
        logs.usernameProperty().set("");
        step.prefill(Optional.of(profile("dev", "123456")));
        assertThat(logs.isBlank()).as("logs were dropped on purpose").isTrue();
        assertThat(step.endpoint(Signal.METRICS).urlProperty().get()).as("the others still follow the profile").isNotEmpty();
    }

    @Test
    void theFrontEndUrlSetLaterOnTheChecklistScreenIsTheOneShownWhenComingBack() throws Exception {
        step.frontendUrlProperty().set("http://localhost:3000");
        // The Checklist screen changed it meanwhile (it writes the settings).
        store.update(current -> current.withFrontendUrl(Optional.of("http://localhost:5173")));
        step.onEnter();
        assertThat(step.frontendUrlProperty().get()).isEqualTo("http://localhost:5173");
    }
}
