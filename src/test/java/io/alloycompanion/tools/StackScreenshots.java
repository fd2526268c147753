package io.alloycompanion.tools;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.LocalStackChecks;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import io.alloycompanion.ui.stack.StackController;
import io.alloycompanion.ui.stack.StackViewModel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * Test tool, not a test: docs/screenshots/stack-{lang}.png and stack-validation-{lang}.png, the Stack screen bringing
 * a stack up on the Docker engine of the test services, with its locally built images (real Prometheus, busybox
 * stand-ins for the rest). Needs a display and {@code scripts/test-services.sh start}.
 */
public final class StackScreenshots {

    private StackScreenshots() {
    }

    /** Arguments: the output folder and a language tag (en, es, pt-BR). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        String images = Optional.ofNullable(System.getenv("ALLOY_COMPANION_TEST_STACK_IMAGES"))
                .orElseThrow(() -> new IllegalStateException("start the test services first (scripts/test-services.sh)"));
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("stack-shot").resolve("my-app-stack");
        StackSettings settings = StackSettings.DEFAULTS.withProject("alloy-companion-docs");
        for (String pair : images.split(",")) {
            String[] parts = pair.split("=", 2);
            settings = settings.withImage(StackService.byId(parts[0]).orElseThrow(), parts[1]);
        }
        for (StackService service : StackService.values()) {
            if (!free(settings.hostPort(service))) {
                settings = settings.withHostPort(service, freePort());
            }
        }
        new StackFolder(dir).write(settings);
        var endpoint = new DockerEngineLocator(Environment.current()).locate();

        Platform.startup(() -> { });
        Localization l10n = new Localization(locale);
        StackViewModel model = new StackViewModel(folder -> StackOrchestrator.open(endpoint, folder, Optional.empty()),
                stackSettings -> new LocalStackChecks(stackSettings, AlloyApi.loopbackClient()).all(), new CheckRunner(),
                new FxTaskExecutor(Throwable::printStackTrace), l10n, Platform::runLater, dir, folder -> { });
        Map<Class<?>, Supplier<?>> controllers = Map.of(StackController.class, () -> new StackController(model, l10n, url -> { }));
        ViewLoader views = new ViewLoader(l10n, controllers);
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            Scene scene = new Scene(views.load(FxmlView.STACK).root(), 1000, 760);
            themes.style(scene);
            scene.getRoot().setStyle("-fx-padding: 20px 24px 16px 24px;");
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            model.up();
            shown.countDown();
        });
        shown.await(10, TimeUnit.SECONDS);
        try {
            waitFor(() -> !model.busyProperty().get() && !model.validation().isEmpty() && !model.logs().isEmpty()
                    && !model.validatingProperty().get(), Duration.ofSeconds(120));
            Thread.sleep(1500);
            snapshot(stage[0], out.resolve("stack-" + locale.getLanguage() + ".png"));
            Platform.runLater(() -> ((TabPane) stage[0].getScene().lookup(".tab-pane")).getSelectionModel().select(1));
            Thread.sleep(800);
            snapshot(stage[0], out.resolve("stack-validation-" + locale.getLanguage() + ".png"));
        } finally {
            Platform.runLater(model::dispose);
            try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
                stack.down(true, StackEvent.Listener.NONE);
            }
            Platform.exit();
        }
    }

    private static void snapshot(Stage stage, Path file) throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(1);
        Platform.runLater(() -> {
            InstallStepScreenshots.write(stage.getScene().snapshot(null), file.toFile());
            System.out.println("wrote " + file);
            taken.countDown();
        });
        taken.await(20, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean[] met = new boolean[1];
            CountDownLatch asked = new CountDownLatch(1);
            Platform.runLater(() -> {
                met[0] = condition.getAsBoolean();
                asked.countDown();
            });
            asked.await(5, TimeUnit.SECONDS);
            if (met[0]) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stack did not come up within " + limit);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
