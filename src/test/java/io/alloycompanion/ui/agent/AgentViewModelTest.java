package io.alloycompanion.ui.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ComponentHealth;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.agent.RunningAlloyFinder;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.AlloyStandIn;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Agent screen's model against the Alloy stand-in (real processes and HTTP). Every model change runs on one "UI"
 * thread, as on the app's FX thread; background tasks run when that thread says so, so no toolkit is needed.
 */
class AgentViewModelTest {

    private static final String CONFIG = "prometheus.remote_write \"default\" {\n  endpoint {\n    url = \"http://127.0.0.1:9/api/v1/write\"\n  }\n}\n";

    @TempDir
    Path temp;

    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private AgentViewModel model;

    @AfterEach
    void tearDown() throws Exception {
        if (model != null) {
            model.shutdown();
        }
        ui.shutdownNow();
    }

    private <T> T onUi(Supplier<T> read) throws InterruptedException {
        try {
            return ui.submit(() -> {
                executor.runAll();
                return read.get();
            }).get();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private void act(Runnable action) throws InterruptedException {
        onUi(() -> {
            action.run();
            return null;
        });
    }

    private void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!onUi(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; message: " + onUi(() -> model.messageProperty().get()));
            }
            Thread.sleep(50);
        }
    }

    private String listen;
    private Path binary;

    private AgentViewModel model(Path config, Locale locale) throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        try (ServerSocket socket = new ServerSocket(0)) {
            listen = "127.0.0.1:" + socket.getLocalPort();
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        // The real finder; no service manager answers here, so an Alloy found is one "started elsewhere".
        CommandRunner noServices = (command, timeout) -> {
            if (command.get(0).equals("ss")) {
                return runner.run(command, timeout);
            }
            throw new IOException(command.get(0) + ": not here");
        };
        RunningAlloyFinder finder = new RunningAlloyFinder(AlloyApi.loopbackClient(),
                new PortOwners(OperatingSystem.current(), noServices), noServices, OperatingSystem.current(), pid -> Optional.empty());
        Preflight preflight = new Preflight(runner, new PortProbe(), new PortOwners(OperatingSystem.current(), runner), LintContext.NONE);
        String address = listen;
        return new AgentViewModel(listener -> new AgentSupervisor(new LogBuffer(1000), AlloyApi.loopbackClient(),
                AgentSupervisor.RestartPolicy.OFF, listener, OperatingSystem.current()),
                new AgentViewModel.Sources(() -> Optional.of(binary), () -> config, () -> Optional.of(Secret.of("t".toCharArray())),
                        temp.resolve("data"), () -> address, preflight, finder::find),
                executor, new Localization(locale), ui::execute);
    }

    @Test
    void startsShowsComponentsAndInsightsReloadsAfterASaveAndStops() throws Exception {
        Path config = Files.writeString(temp.resolve("config.alloy"), CONFIG + "// standin: unauthorized\n");
        model = model(config, Locale.ENGLISH);
        act(model::start);
        waitFor("degraded", () -> model.statusProperty().get().state() == AgentState.DEGRADED);
        assertThat(model.detailText(onUi(() -> model.statusProperty().get().detail())))
                .as("Alloy's /-/healthy answer").isEqualTo("Unhealthy components: prometheus.remote_write");
        act(model::refreshComponents);
        waitFor("components", () -> !model.components().isEmpty());
        assertThat(onUi(() -> model.components().get(0))).extracting(ComponentHealth::id, ComponentHealth::state)
                .containsExactly("prometheus.remote_write.default", ComponentHealth.State.UNHEALTHY);
        waitFor("insight", () -> !model.insights().isEmpty());
        Insight insight = onUi(() -> model.insights().get(0));
        assertThat(model.describe(insight)).startsWith("Grafana Cloud rejected the metrics credentials "
                + "(prometheus.remote_write.default): check the Prometheus username");
        waitFor("version", () -> model.versionProperty().get().equals("v1.18.0"));
        assertThat(onUi(() -> model.uptime(Instant.now().plusSeconds(65)))).startsWith("1 min 0");

        Files.writeString(config, CONFIG);
        act(() -> model.configSaved(config));
        waitFor("reloaded", () -> model.messageProperty().get().startsWith("Config reloaded"));
        assertThat(onUi(() -> model.messageProperty().get()))
                .isEqualTo("Config reloaded and healthy: prometheus.remote_write.default: unhealthy → healthy.");

        Files.writeString(config, CONFIG + "prometheus.scrape \"x\" {\n");
        act(model::reload);
        waitFor("refused", () -> model.messageProperty().get().startsWith("Not reloaded"));
        assertThat(onUi(() -> model.problemLocationProperty().get())).isPresent();

        act(model::stop);
        waitFor("stopped", () -> model.statusProperty().get().state() == AgentState.STOPPED);
        assertThat(onUi(() -> model.components().isEmpty())).isTrue();
    }

    @Test
    void alloysKnownHealthAnswerIsSaidInTheUsersLanguageAndAnythingElseAsWritten() throws Exception {
        model = model(Files.writeString(temp.resolve("config.alloy"), CONFIG), Locale.forLanguageTag("pt-BR"));
        assertThat(model.detailText("unhealthy components: prometheus.remote_write, loki.write"))
                .isEqualTo("Componentes com problemas: prometheus.remote_write, loki.write");
        assertThat(model.detailText("context deadline exceeded")).isEqualTo("context deadline exceeded");
    }

    @Test
    void aBadConfigIsNotStartedAndSaysWhereInSpanish() throws Exception {
        Path config = Files.writeString(temp.resolve("config.alloy"), "prometheus.scrape \"x\" {\n  targets = [\n}\n");
        model = model(config, Locale.forLanguageTag("es"));
        act(model::start);
        waitFor("refused", () -> model.messageProperty().get().startsWith("Alloy no se inició"));
        assertThat(onUi(() -> model.messageProperty().get())).contains(config + ":3:1:");
        assertThat(onUi(() -> model.problemLocationProperty().get())).isPresent();
        assertThat(onUi(() -> model.statusProperty().get().state())).isEqualTo(AgentState.STOPPED);
    }

    @Test
    void anAlloyStartedElsewhereIsWatchedNotStartedTwiceAndKeepsRunningWhenTheWatchStops() throws Exception {
        Path config = Files.writeString(temp.resolve("config.alloy"), CONFIG);
        model = model(config, Locale.ENGLISH);
        Process other = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                .redirectErrorStream(true).redirectOutput(temp.resolve("other.log").toFile()).start();
        try {
            AlloyApi api = new AlloyApi(AlloyApi.loopbackClient(), listen);
            waitFor("the other Alloy", () -> {
                try {
                    return api.ready().ok();
                } catch (AlloyApi.Unreachable | InterruptedException e) {
                    return false;
                }
            });
            // Start finds it and watches it instead of failing on the taken port.
            act(model::start);
            waitFor("watched", () -> model.statusProperty().get().attached()
                    && model.statusProperty().get().state() == AgentState.READY);
            assertThat(onUi(() -> model.messageProperty().get())).startsWith("An Alloy is already running here (")
                    .contains("pid " + other.pid() + ")").contains("started outside this app");
            act(model::refreshComponents);
            waitFor("its components", () -> !model.components().isEmpty());

            act(model::stop);
            waitFor("no longer watched", () -> model.statusProperty().get().state() == AgentState.STOPPED);
            assertThat(onUi(() -> model.messageProperty().get())).startsWith("Stopped watching.");
            assertThat(other.isAlive()).isTrue();

            // The Agent screen opening looks again, and finds it again.
            act(model::lookForRunningAlloy);
            waitFor("watched again", () -> model.statusProperty().get().attached());
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    @Test
    void lookingWhenNothingRunsChangesNothing() throws Exception {
        model = model(Files.writeString(temp.resolve("config.alloy"), CONFIG), Locale.ENGLISH);
        act(model::lookForRunningAlloy);
        waitFor("the look to end", () -> !model.busyProperty().get());
        assertThat(onUi(() -> model.statusProperty().get().state())).isEqualTo(AgentState.STOPPED);
        assertThat(onUi(() -> model.messageProperty().get())).isEmpty();
    }
}
