package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSourcesStepTest {

    @TempDir
    Path temp;

    @Test
    void aFolderWithoutAStackStartsFromTheDefaults() {
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        assertThat(step.folder()).isEqualTo(temp.resolve("stack").toAbsolutePath().normalize());
        assertThat(step.initialisedProperty().get()).isFalse();
        assertThat(step.otlpPortProperty().get()).isEqualTo("4318");
        assertThat(step.retentionDaysProperty().get()).isEqualTo("7");
        assertThat(step.mysqlExporterProperty().get()).isFalse();
        assertThat(step.redisExporterProperty().get()).isFalse();
        assertThat(step.valid().get()).isTrue();
        assertThat(step.settings()).isEqualTo(StackSettings.DEFAULTS);
    }

    @Test
    void theChoicesChangeOnlyTheirOwnSettingsOfTheFolder() throws Exception {
        Path dir = temp.resolve("stack");
        StackSettings mine = StackSettings.DEFAULTS.withProject("mine").withHostPort(StackService.GRAFANA, 3300)
                .withRetentionDays(3).withExporters(true, false);
        new StackFolder(dir).write(mine);
        FakeStackFixture fixture = new FakeStackFixture(dir, Locale.ENGLISH);
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        assertThat(step.initialisedProperty().get()).isTrue();
        assertThat(step.retentionDaysProperty().get()).isEqualTo("3");
        assertThat(step.mysqlExporterProperty().get()).isTrue();

        step.otlpPortProperty().set(" 14318 ");
        step.retentionDaysProperty().set("30");
        step.redisExporterProperty().set(true);
        assertThat(step.valid().get()).isTrue();
        assertThat(step.settings()).isEqualTo(mine.withOtlpHttpHostPort(14318).withRetentionDays(30).withExporters(true, true));
        assertThat(new StackFolder(dir).readSettings()).as("nothing is written on this step").contains(mine);
    }

    @Test
    void theChoicesSurviveARestartForTheirFolderOnlyAndAreNotOverwrittenByTheStackScreen() throws Exception {
        Path dir = temp.resolve("stack");
        new StackFolder(dir).write(StackSettings.DEFAULTS);
        FakeStackFixture fixture = new FakeStackFixture(dir, Locale.ENGLISH);
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        step.otlpPortProperty().set("14318");
        step.retentionDaysProperty().set("30");
        step.mysqlExporterProperty().set(true);

        // The Stack screen regenerates the same folder meanwhile: what was chosen here stays.
        fixture.stack.generate(settings -> settings.withRetentionDays(9));
        fixture.settle();
        assertThat(step.retentionDaysProperty().get()).isEqualTo("30");
        java.util.Map<String, String> saved = step.saveState();

        FakeStackFixture restarted = new FakeStackFixture(dir, Locale.ENGLISH);
        StackSourcesStep again = new StackSourcesStep(restarted.stack, restarted.l10n);
        assertThat(again.retentionDaysProperty().get()).isEqualTo("9");
        again.restoreState(saved);
        assertThat(again.settings()).isEqualTo(StackSettings.DEFAULTS.withRetentionDays(9).withOtlpHttpHostPort(14318)
                .withRetentionDays(30).withExporters(true, false));

        // Saved for another folder: not applied to this one.
        FakeStackFixture elsewhere = new FakeStackFixture(temp.resolve("other"), Locale.ENGLISH);
        StackSourcesStep other = new StackSourcesStep(elsewhere.stack, elsewhere.l10n);
        other.restoreState(saved);
        assertThat(other.retentionDaysProperty().get()).isEqualTo("7");
    }

    @Test
    void aPortOrADayCountThatCannotWorkIsSaidUnderItsFieldAndBlocksNext() {
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        for (String bad : new String[] {"", "0", "65536", "43 18", "http://localhost:4318", "-1"}) {
            step.otlpPortProperty().set(bad);
            assertThat(step.otlpPortErrorProperty().get()).as(bad).isEqualTo("Enter a port number from 1 to 65535.");
            assertThat(step.valid().get()).isFalse();
            assertThat(step.problemProperty().get()).isEqualTo("Fix the fields marked in red to go on.");
        }
        assertThatThrownBy(step::settings).isInstanceOf(IllegalStateException.class);
        step.otlpPortProperty().set("3000");
        assertThat(step.otlpPortErrorProperty().get()).isEqualTo("Port 3000 is already published for grafana in this stack: choose another.");
        step.otlpPortProperty().set("65535");
        assertThat(step.otlpPortErrorProperty().get()).isEmpty();
        assertThat(step.valid().get()).isTrue();

        step.retentionDaysProperty().set("0");
        assertThat(step.retentionErrorProperty().get()).isEqualTo("Enter a number of days from 1 to 3650.");
        assertThat(step.valid().get()).isFalse();
        step.retentionDaysProperty().set("3651");
        assertThat(step.valid().get()).isFalse();
        step.retentionDaysProperty().set("3650");
        assertThat(step.valid().get()).isTrue();
        assertThat(step.problemProperty().get()).isEmpty();
    }

    @Test
    void messagesAreInTheUsersLanguageAndFollowASwitch() {
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), Locale.forLanguageTag("es"));
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        step.otlpPortProperty().set("x");
        assertThat(step.otlpPortErrorProperty().get()).isEqualTo("Escribe un número de puerto entre 1 y 65535.");
        fixture.l10n.setLocale(Locale.forLanguageTag("pt-BR"));
        assertThat(step.otlpPortErrorProperty().get()).isEqualTo("Digite um número de porta entre 1 e 65535.");
        assertThat(step.problemProperty().get()).isEqualTo("Corrija os campos marcados em vermelho para continuar.");
    }

    @Test
    void anotherFolderIsRememberedAndItsSettingsReplaceTheFields() throws Exception {
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        step.retentionDaysProperty().set("12");
        Path other = Files.createDirectories(temp.resolve("other"));
        StackSettings otherSettings = StackSettings.DEFAULTS.withOtlpHttpHostPort(24318).withExporters(false, true);
        new StackFolder(other).write(otherSettings);

        step.chooseFolder(other);
        assertThat(fixture.remembered).containsExactly(other.toAbsolutePath().normalize());
        assertThat(step.folderProperty().get()).isEqualTo(other.toAbsolutePath().normalize().toString());
        assertThat(step.initialisedProperty().get()).isTrue();
        assertThat(step.otlpPortProperty().get()).isEqualTo("24318");
        assertThat(step.retentionDaysProperty().get()).isEqualTo("7");
        assertThat(step.redisExporterProperty().get()).isTrue();

        // A folder with the same settings as the one before still replaces what was typed.
        Path third = Files.createDirectories(temp.resolve("third"));
        new StackFolder(third).write(otherSettings);
        step.retentionDaysProperty().set("12");
        step.chooseFolder(third);
        assertThat(step.retentionDaysProperty().get()).isEqualTo("7");
    }

    @Test
    void inBothModesTheStackAlsoSendsToGrafanaCloudWithTheActiveProfileOrSaysWhyNot() throws Exception {
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), new Locale("es"));
        javafx.beans.property.BooleanProperty both = new javafx.beans.property.SimpleBooleanProperty(false);
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<io.alloycompanion.core.cloud.StackProfile>> active =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n, both, active::get);
        assertThat(step.valid().get()).isTrue();
        assertThat(step.settings().cloud()).as("the local stack alone").isEmpty();

        both.set(true);
        assertThat(step.valid().get()).isFalse();
        assertThat(step.cloudErrorProperty().get()).startsWith("No hay ningún perfil de Grafana Cloud activo");

        io.alloycompanion.core.cloud.StackProfile dev = io.alloycompanion.core.cloud.StackProfile.named("dev")
                .withEndpoint(io.alloycompanion.core.cloud.Signal.METRICS,
                        new io.alloycompanion.core.cloud.Endpoint("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push", ""));
        active.set(java.util.Optional.of(dev));
        step.onEnter();
        assertThat(step.valid().get()).as("a URL without its username is no endpoint").isFalse();
        assertThat(step.cloudErrorProperty().get()).contains("dev").contains("Credenciales");

        dev = dev.withEndpoint(io.alloycompanion.core.cloud.Signal.METRICS,
                        new io.alloycompanion.core.cloud.Endpoint("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push", "1234567"))
                .withEndpoint(io.alloycompanion.core.cloud.Signal.OTLP,
                        new io.alloycompanion.core.cloud.Endpoint("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "111"));
        active.set(java.util.Optional.of(dev));
        step.onEnter();
        assertThat(step.valid().get()).isTrue();
        assertThat(step.cloudErrorProperty().get()).isEmpty();
        assertThat(step.cloudSummaryProperty().get()).contains("dev")
                .contains("métricas a prometheus-prod-24-prod-eu-west-2.grafana.net")
                .contains("trazas (OTLP) a otlp-gateway-prod-eu-west-2.grafana.net").doesNotContain("logs a")
                .contains("GCLOUD_RW_API_KEY");
        StackSettings.CloudForwarding cloud = step.settings().cloud().orElseThrow();
        assertThat(cloud.profile()).isEqualTo("dev");
        assertThat(cloud.metrics().orElseThrow().username()).isEqualTo("1234567");
        assertThat(cloud.logs()).isEmpty();
        assertThat(cloud.otlp().orElseThrow().url()).isEqualTo("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp");

        both.set(false);
        assertThat(step.settings().cloud()).as("back to the local stack alone").isEmpty();
        assertThat(step.cloudSummaryProperty().get()).isEmpty();
    }

    @Test
    void programsAndLogFilesOfThisComputerAreCheckedLineByLineAndKept() throws Exception {
        Path logs = java.nio.file.Files.createDirectories(temp.resolve("logs"));
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), new Locale("pt", "BR"));
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n);
        assertThat(step.targetsProperty().get()).isEmpty();

        step.targetsProperty().set("worker=localhost:8787/metrics\nworker 8080");
        step.logFilesProperty().set(logs + "/*.log\napp.log");
        assertThat(step.valid().get()).isFalse();
        assertThat(step.targetsErrorProperty().get()).isEqualTo("Linha 2 (worker 8080): esperado job=host:porta ou "
                + "job=host:porta/caminho, p. ex. worker=localhost:8787/metrics.");
        assertThat(step.logFilesErrorProperty().get()).startsWith("Linha 2 (app.log): esperado um caminho absoluto");

        step.targetsProperty().set("worker=localhost:8787/metrics\napi=127.0.0.1:9000/prom\n");
        step.logFilesProperty().set(logs + "/*.log");
        assertThat(step.valid().get()).isTrue();
        assertThat(step.settings().hostSources()).isEqualTo(new StackSettings.HostSources(
                java.util.List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15),
                        new StackSettings.Scrape("api", "127.0.0.1:9000", "/prom", 15)), java.util.List.of(logs + "/*.log")));

        // Kept over a restart, and shown again from the folder once it is written.
        java.util.Map<String, String> saved = step.saveState();
        FakeStackFixture again = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        StackSourcesStep restored = new StackSourcesStep(again.stack, again.l10n);
        restored.restoreState(saved);
        assertThat(restored.settings().hostSources()).isEqualTo(step.settings().hostSources());
        new StackFolder(temp.resolve("stack")).write(step.settings());
        FakeStackFixture written = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        StackSourcesStep fromFolder = new StackSourcesStep(written.stack, written.l10n);
        assertThat(fromFolder.targetsProperty().get()).isEqualTo("worker=localhost:8787\napi=127.0.0.1:9000/prom");
        assertThat(fromFolder.logFilesProperty().get()).isEqualTo(logs + "/*.log");
    }

    @Test
    void inTheAppLogFoldersAreLookedForOffTheUiThreadAndTheLinesCheckedAgainWhenFound() throws Exception {
        Path logs = java.nio.file.Files.createDirectories(temp.resolve("logs"));
        FakeStackFixture fixture = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        fixture.settle();
        StackSourcesStep step = new StackSourcesStep(fixture.stack, fixture.l10n, new javafx.beans.property.SimpleBooleanProperty(false),
                java.util.Optional::empty, fixture.executor);

        step.logFilesProperty().set(logs + "/*.log\n" + temp.resolve("nowhere") + "/*.log");
        assertThat(step.logFilesErrorProperty().get()).as("not known yet: not called wrong").isEmpty();
        assertThat(fixture.executor.pending()).isEqualTo(1);

        fixture.settle();

        assertThat(step.logFilesErrorProperty().get()).startsWith("Line 2 (" + temp.resolve("nowhere") + "/*.log)");
        assertThat(step.valid().get()).isFalse();
        step.logFilesProperty().set(logs + "/*.log");
        assertThat(step.valid().get()).as("a fresh answer, no second look").isTrue();
        assertThat(fixture.executor.pending()).isZero();
    }
}
