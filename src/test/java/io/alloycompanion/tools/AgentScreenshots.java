package io.alloycompanion.tools;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.AlloyStandIn;
import io.alloycompanion.ui.agent.AgentController;
import io.alloycompanion.ui.agent.AgentViewModel;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Test tool, not a test: docs/screenshots/agent-{en,es,pt}.png, the Agent screen running the Alloy stand-in with a
 * remote_write whose credentials Grafana Cloud "rejects" (degraded, an insight, the component grid). Needs a display.
 */
public final class AgentScreenshots {

    private AgentScreenshots() {
    }

    /** Arguments: the output folder and a language tag (en, es, pt-BR). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("agent-shot");
        Path binary = AlloyStandIn.install(home.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(home.resolve("config.alloy"), "prometheus.remote_write \"grafana_cloud\" {\n"
                + "  endpoint {\n    url = \"https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push\"\n  }\n}\n\n"
                + "prometheus.scrape \"worker\" {\n  targets    = [{\"__address__\" = \"localhost:8787\"}]\n"
                + "  forward_to = [prometheus.remote_write.grafana_cloud.receiver]\n}\n\n"
                + "otelcol.receiver.otlp \"default\" {\n  http {\n    endpoint = \"127.0.0.1:" + freePort() + "\"\n  }\n"
                + "  output {\n  }\n}\n// standin: unauthorized\n");
        String listen = "127.0.0.1:" + freePort();
        Platform.startup(() -> { });
        Localization l10n = new Localization(locale);
        ProcessCommandRunner runner = new ProcessCommandRunner();
        AgentViewModel model = new AgentViewModel(listener -> new AgentSupervisor(new LogBuffer(1000), AlloyApi.loopbackClient(),
                AgentSupervisor.RestartPolicy.OFF, listener, OperatingSystem.current()),
                new AgentViewModel.Sources(() -> Optional.of(binary), () -> config, Optional::empty, home.resolve("data"),
                        () -> listen, new Preflight(runner, new PortProbe(), new PortOwners(OperatingSystem.current(), runner),
                        LintContext.NONE), address -> Optional.empty()),
                new FxTaskExecutor(Throwable::printStackTrace), l10n, Platform::runLater);
        Map<Class<?>, Supplier<?>> controllers = Map.of(AgentController.class, () -> new AgentController(model, l10n, location -> { }));
        ViewLoader views = new ViewLoader(l10n, controllers);
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            Scene scene = new Scene(views.load(FxmlView.AGENT).root(), 960, 700);
            themes.style(scene);
            scene.getRoot().setStyle("-fx-padding: 20px 24px 16px 24px;");
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            shown.countDown();
        });
        shown.await(10, TimeUnit.SECONDS);
        // The screen first looks for an Alloy already running (busy meanwhile, and Start waits for that).
        long looked = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (model.busyProperty().get() && System.nanoTime() < looked) {
            Thread.sleep(50);
        }
        Platform.runLater(model::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (model.statusProperty().get().state() != AgentState.DEGRADED
                || model.components().isEmpty() || model.insights().isEmpty() || model.versionProperty().get().isEmpty())) {
            Thread.sleep(100);
            Platform.runLater(model::refreshComponents);
        }
        Thread.sleep(1500); // uptime ticks, the grid settles
        Path file = out.resolve("agent-" + locale.getLanguage() + ".png");
        CountDownLatch taken = new CountDownLatch(1);
        Platform.runLater(() -> {
            InstallStepScreenshots.write(stage[0].getScene().snapshot(null), file.toFile());
            System.out.println("wrote " + file);
            taken.countDown();
        });
        taken.await(20, TimeUnit.SECONDS);
        model.shutdown();
        Platform.exit();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
