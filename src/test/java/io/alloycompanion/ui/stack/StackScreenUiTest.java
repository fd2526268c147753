package io.alloycompanion.ui.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.LocalStackChecks;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.stack.DockerEndpoint;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.testsupport.TestServices;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Stack screen driven by clicks against the test services' real Docker engine and its locally built images:
 * regenerate after a settings change, start the stack, filter the logs, stop one service, remove it all.
 */
@ExtendWith(ApplicationExtension.class)
class StackScreenUiTest {

    private Path dir;
    private DockerEndpoint endpoint;
    private StackViewModel model;
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("stack-ui").resolve("stack");
        String images = TestServices.optional("ALLOY_COMPANION_TEST_STACK_IMAGES").orElse("");
        StackSettings settings = StackSettings.DEFAULTS.withProject("it-ui-" + Long.toString(System.nanoTime(), 36))
                .withHealthTimeoutSeconds(60);
        for (String pair : images.isEmpty() ? new String[0] : images.split(",")) {
            String[] parts = pair.split("=", 2);
            settings = settings.withImage(StackService.byId(parts[0]).orElseThrow(), parts[1]);
        }
        for (StackService service : StackService.values()) {
            settings = settings.withHostPort(service, freePort());
        }
        new StackFolder(dir).write(settings.withOtlpHttpHostPort(freePort()));
        endpoint = new DockerEngineLocator(Environment.current()).locate();
        Localization l10n = new Localization(Locale.ENGLISH);
        model = new StackViewModel(folder -> StackOrchestrator.open(endpoint, folder, Optional.empty()),
                stackSettings -> new LocalStackChecks(stackSettings, AlloyApi.loopbackClient()).all(), new CheckRunner(),
                new FxTaskExecutor(Throwable::printStackTrace), l10n, javafx.application.Platform::runLater, dir, folder -> { });
        ViewLoader views = new ViewLoader(l10n, Map.<Class<?>, Supplier<?>>of(StackController.class,
                () -> new StackController(model, l10n, opened::add)));
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        Scene scene = new Scene(views.load(FxmlView.STACK).root(), 1100, 820);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void removeTheStack() throws Exception {
        if (TestServices.optional("DOCKER_HOST").isPresent()) {
            javafx.application.Platform.runLater(model::dispose);
            try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
                stack.down(true, StackEvent.Listener.NONE);
            }
        }
    }

    @Test
    void startFilterStopAndRemoveTheStackByClicking(FxRobot robot) throws Exception {
        TestServices.require("DOCKER_HOST", "Docker engine");
        TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");

        // A setting changed in the Settings tab regenerates the folder.
        robot.clickOn("#stack-settings-tab");
        Spinner<Integer> retention = robot.lookup("#stack-retention").query();
        robot.doubleClickOn(retention.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("3").push(KeyCode.ENTER);
        robot.clickOn("#stack-generate");
        TextArea generated = robot.lookup("#stack-generated").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> generated.getText().contains("updated     tempo/tempo-config.yaml"));
        assertThat(Files.readString(dir.resolve("tempo/tempo-config.yaml"))).contains("block_retention: 72h");

        assertThat(robot.lookup("#stack-up").queryAs(javafx.scene.control.Button.class).getText()).isEqualTo("Start stack");
        robot.clickOn("#stack-up");
        TableView<StackViewModel.Row> services = robot.lookup("#stack-services").query();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && services.getItems().stream().allMatch(row -> row.health() == ServiceStatus.Health.HEALTHY));
        assertThat(robot.lookup("#stack-message").queryAs(Label.class).getText()).isEqualTo("All five services are up and healthy.");
        assertThat(robot.lookup("#stack-up").queryAs(javafx.scene.control.Button.class).getText())
                .as("everything runs: the same button applies changes").isEqualTo("Update stack");

        // The logs of all services arrive; the filter keeps one.
        robot.clickOn("#stack-logs-tab");
        ListView<StackViewModel.LogLine> logs = robot.lookup("#stack-logs").query();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> logs.getItems().stream().map(StackViewModel.LogLine::service)
                .distinct().count() >= 4);
        ComboBox<Optional<StackService>> filter = robot.lookup("#stack-log-filter").query();
        robot.interact(() -> filter.setValue(Optional.of(StackService.TEMPO)));
        assertThat(logs.getItems()).isNotEmpty().allMatch(line -> line.service() == StackService.TEMPO)
                .anyMatch(line -> line.text().contains("stand-in starting"));

        // The validation ran once the stack was up: every health endpoint answered.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.validation().isEmpty());
        assertThat(model.validation()).filteredOn(result -> result.id().endsWith("-ready"))
                .hasSize(4).allMatch(result -> result.status() == CheckStatus.PASS);

        // One service stopped alone, by selecting its row.
        robot.interact(() -> services.getSelectionModel().select(StackService.GRAFANA.ordinal()));
        robot.clickOn("#stack-stop-service");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> services.getItems().get(StackService.GRAFANA.ordinal()).state().equals("exited"));
        assertThat(services.getItems().get(StackService.LOKI.ordinal()).state()).isEqualTo("running");

        robot.clickOn("#stack-remove-data");
        robot.clickOn("#stack-down");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && services.getItems().stream().allMatch(row -> row.state().equals("missing")));
        assertThat(robot.lookup("#stack-message").queryAs(Label.class).getText()).isEqualTo("Containers, network and data volumes removed.");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
