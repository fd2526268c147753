package io.alloycompanion.ui.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.Text;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackLayout;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.testsupport.FakeStackControl;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackViewModelTest {

    @TempDir
    Path dir;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final FakeStackControl fake = new FakeStackControl();
    private final List<Path> remembered = new ArrayList<>();

    private StackViewModel model(Locale locale) {
        return new StackViewModel(folder -> {
            fake.openedFor.add(folder.dir());
            fake.settings = folder.readSettings().orElseThrow();
            return fake;
        }, settings -> List.of(Check.of("stack-alloy-ready", "check.stack.ready", List.of(), Duration.ofSeconds(1),
                () -> Check.Outcome.pass(Text.of("check.stack.ready", "Alloy", "url", 1), Map.of("port", String.valueOf(settings.hostPort(StackService.ALLOY)))))),
                new CheckRunner(), executor, new Localization(locale), fxQueue::add, dir, remembered::add);
    }

    private void settle() {
        for (int round = 0; round < 10 && (executor.pending() > 0 || !fxQueue.isEmpty()); round++) {
            executor.runAll();
            List<Runnable> queued = new ArrayList<>(fxQueue);
            fxQueue.clear();
            queued.forEach(Runnable::run);
        }
    }

    @Test
    void aNewFolderIsWrittenWithTheShownSettingsAndThenBroughtUp() throws Exception {
        StackViewModel model = model(Locale.ENGLISH);
        assertThat(model.initialisedProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).contains("no stack yet");
        assertThat(model.rows()).extracting(StackViewModel.Row::state).containsOnly("—");

        model.up(settings -> settings.withHostPort(StackService.GRAFANA, 3300));
        settle();

        assertThat(new StackFolder(dir).readSettings().orElseThrow().hostPort(StackService.GRAFANA)).isEqualTo(3300);
        assertThat(Files.exists(dir.resolve(StackLayout.COMPOSE))).isTrue();
        assertThat(fake.upCalls).containsExactly(Set.of(StackService.values()));
        assertThat(model.initialisedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("All five services are up and healthy.");
        assertThat(model.rows()).allMatch(row -> row.health() == ServiceStatus.Health.HEALTHY && row.state().equals("running"));
        StackViewModel.Row grafana = model.rows().get(StackService.GRAFANA.ordinal());
        assertThat(grafana.ports()).isEqualTo("3300");
        assertThat(grafana.url()).contains("http://localhost:3300/");
        assertThat(model.rows().get(StackService.ALLOY.ordinal()).ports()).isEqualTo("12345, OTLP 4318");
        assertThat(model.rows().get(StackService.TEMPO.ordinal()).url()).isEmpty();
        assertThat(model.engineProperty().get()).isEqualTo("Docker engine 27.0");
        // The validation ran on the folder's settings once the stack was up.
        assertThat(model.validation()).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.evidence()).containsEntry("port", "12345");
        });
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aServiceThatFailsShowsWhyWithItsLastLinesAndTheAppsOwnTextsAreTranslated() throws Exception {
        new StackFolder(dir).write(StackSettings.DEFAULTS);
        fake.failure = new StackException(StackException.Kind.UNHEALTHY, Optional.of(StackService.LOKI),
                "loki did not become healthy within 90 s", List.of("level=error msg=\"bad schema\"", "exit"), null)
                .detail("seconds", 90).detail("url", "http://127.0.0.1:3100/ready").detail("answer", "answered 503");
        StackViewModel model = model(Locale.forLanguageTag("es"));
        model.up();
        settle();
        assertThat(model.messageProperty().get()).isEqualTo("loki no quedó sano en 90 s: http://127.0.0.1:3100/ready "
                + "answered 503. Abajo están sus últimas líneas; el contenedor sigue en marcha para que puedas revisarlo.");
        assertThat(model.problemLinesProperty().get()).isEqualTo("level=error msg=\"bad schema\"\nexit");
        assertThat(model.busyProperty().get()).isFalse();

        fake.failure = null;
        model.down(true);
        settle();
        assertThat(fake.downCalls).containsExactly(true);
        assertThat(model.messageProperty().get()).isEqualTo("Contenedores, red y volúmenes de datos eliminados.");
        assertThat(model.problemLinesProperty().get()).isEmpty();
    }

    @Test
    void progressAndCancelWhileTheStackComesUp() throws Exception {
        new StackFolder(dir).write(StackSettings.DEFAULTS);
        fake.eventsToSend = List.of(new StackEvent(Optional.of(StackService.TEMPO), StackEvent.Step.WAIT, "waiting for tempo", 0.4));
        StackViewModel model = model(Locale.ENGLISH);
        model.up();
        assertThat(model.busyProperty().get()).isTrue();
        model.up(); // a second press while busy does nothing
        model.cancel();
        settle();
        assertThat(fake.upCalls).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Cancelled. Services already started keep running.");
        assertThat(model.busyProperty().get()).isFalse();

        model.up();
        executor.runAll();
        List<Runnable> queued = new ArrayList<>(fxQueue);
        fxQueue.clear();
        queued.get(0).run();
        assertThat(model.progressProperty().get()).isEqualTo(0.4);
        assertThat(model.messageProperty().get()).isEqualTo("tempo: waiting for tempo");
    }

    @Test
    void logsArriveInBatchesAndCanBeFilteredByService() throws Exception {
        new StackFolder(dir).write(StackSettings.DEFAULTS);
        fake.up = true;
        StackViewModel model = model(Locale.ENGLISH);
        model.refresh();
        settle();
        assertThat(fake.following).containsExactlyInAnyOrder(StackService.values());
        assertThat(fake.tails).containsOnly(200);
        fake.listener.line(StackService.LOKI, at(1), "level=info msg=ready", true);
        fake.listener.line(StackService.TEMPO, at(2), "level=info msg=started", false);
        assertThat(model.logs()).isEmpty();
        model.drainLogs();
        assertThat(model.logs()).extracting(StackViewModel.LogLine::text).containsExactly("level=info msg=ready", "level=info msg=started");
        model.logFilterProperty().set(Optional.of(StackService.TEMPO));
        assertThat(model.logs()).extracting(StackViewModel.LogLine::text).containsExactly("level=info msg=started");
        for (int i = 0; i < StackViewModel.LOG_LINES_KEPT + 10; i++) {
            fake.listener.line(StackService.TEMPO, at(10 + i), "line " + i, false);
        }
        model.drainLogs();
        assertThat(model.logs()).hasSize(StackViewModel.LOG_LINES_KEPT);
        assertThat(model.logs().get(model.logs().size() - 1).text()).isEqualTo("line " + (StackViewModel.LOG_LINES_KEPT + 9));

        model.down(false);
        settle();
        assertThat(fake.closedStreams).isEqualTo(StackService.values().length);
        // The lines stay to be read after the stack is gone.
        assertThat(model.logs()).isNotEmpty();
    }

    @Test
    void whenTheRunningServicesChangeTheirLogsAreFollowedAnew() throws Exception {
        new StackFolder(dir).write(StackSettings.DEFAULTS);
        fake.up = true;
        StackViewModel model = model(Locale.ENGLISH);
        List<StackViewModel.LogLine> forwarded = new ArrayList<>();
        model.forwardLinesTo(forwarded::add);
        model.refresh();
        settle();
        assertThat(fake.following).hasSize(5);
        fake.listener.line(StackService.GRAFANA, at(1), "old line", false);
        model.drainLogs();

        // Docker ends the stream of a container that stops; the others are opened again from Docker's own log.
        fake.stopped.add(StackService.GRAFANA);
        model.stop(StackService.GRAFANA);
        settle();
        assertThat(fake.closedStreams).isEqualTo(5);
        assertThat(fake.following).hasSize(9).filteredOn(service -> service == StackService.GRAFANA).hasSize(1);
        // The reopened streams replay the containers' last lines: those already seen are not shown, or handed on, twice.
        fake.listener.line(StackService.GRAFANA, at(1), "old line", false);
        fake.listener.line(StackService.TEMPO, at(1), "tempo line", false);
        fake.listener.line(StackService.TEMPO, at(1), "tempo line", false);
        model.drainLogs();
        assertThat(model.logs()).extracting(StackViewModel.LogLine::text).containsExactly("old line", "tempo line");
        assertThat(forwarded).extracting(StackViewModel.LogLine::text).containsExactly("old line", "tempo line");

        // Nothing changed: the streams stay as they are.
        model.refresh();
        settle();
        assertThat(fake.following).hasSize(9);
    }

    @Test
    void aValueDockerWouldRefuseIsNotSavedAndAnotherFolderIsRemembered() throws Exception {
        StackViewModel model = model(Locale.ENGLISH);
        model.generate(settings -> settings.withHostPort(StackService.LOKI, 70000));
        settle();
        assertThat(model.messageProperty().get()).startsWith("Not saved: port 70000");
        assertThat(new StackFolder(dir).initialised()).isFalse();

        model.generate(settings -> settings.withRetentionDays(3));
        settle();
        assertThat(model.generatedProperty().get()).contains("created     tempo/tempo-config.yaml");
        assertThat(model.settingsProperty().get().retentionDays()).isEqualTo(3);

        Path other = Files.createDirectories(dir.resolve("other"));
        model.chooseFolder(other);
        assertThat(remembered).containsExactly(other.toAbsolutePath().normalize());
        assertThat(model.initialisedProperty().get()).isFalse();
        assertThat(model.settingsProperty().get()).isEqualTo(StackSettings.DEFAULTS);
    }

    @Test
    void failuresTheAppKnowsAreSaidInTheUsersLanguageAndOthersInTheEnginesWords() {
        StackViewModel model = model(Locale.forLanguageTag("pt-BR"));
        assertThat(model.describe(new StackException(StackException.Kind.PORT_CLASH, Optional.of(StackService.GRAFANA),
                "Port 3000 (grafana) is already in use by java (pid 7)", List.of(), null).detail("port", 3000).detail("owner", "java (pid 7)")))
                .isEqualTo("A porta 3000 (grafana) já está em uso por java (pid 7). Pare-o ou dê outra porta a grafana em Configurações.");
        assertThat(model.describe(new StackException(StackException.Kind.MISSING_IMAGE, Optional.of(StackService.TEMPO),
                "Image x", List.of(), null).detail("image", "grafana/tempo:2.8.2").detail("why", "no such host")))
                .startsWith("A imagem grafana/tempo:2.8.2 (para tempo) não está nesta máquina e não pôde ser baixada: no such host.");
        // Without its parts (or a request Docker refused), the engine's own words.
        assertThat(model.describe(new StackException(StackException.Kind.DOCKER_ERROR, "Docker refused creating x: conflict")))
                .isEqualTo("Docker refused creating x: conflict");
        assertThat(model.describe(new StackException(StackException.Kind.UNHEALTHY, "loki did not become healthy")))
                .isEqualTo("loki did not become healthy");
    }

    private static java.time.Instant at(int second) {
        return java.time.Instant.parse("2026-11-21T10:00:00Z").plusSeconds(second);
    }
}
