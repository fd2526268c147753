package io.alloycompanion.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.testsupport.NewcomerScenario;
import io.alloycompanion.testsupport.StandInProcess;
import io.alloycompanion.testsupport.TestServices;
import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.stack.StackViewModel;
import io.alloycompanion.ui.wizard.StackReviewStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A developer walks the wizard in local-stack mode against the test services' real Docker engine and its locally
 * built images: no Alloy installed on this computer and none needed, the stack folder (prepared earlier with its own
 * project name and free ports) gets the options chosen in the wizard, Review shows what changes, Start brings the
 * five containers up until all are healthy, and the checklist proves each answers on its port.
 */
@ExtendWith(ApplicationExtension.class)
class WizardLocalStackUiTest {

    @TempDir
    static Path temp;

    private static int run;
    private NewcomerScenario scenario;
    private UiContext context;
    private Path dir;
    private StackSettings prepared;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the test services run on POSIX systems");
        scenario = new NewcomerScenario(Files.createDirectories(temp.resolve("home-" + ++run)));
        dir = scenario.home().resolve("stack");
        // Prepared earlier (as `stack init` would): a project of its own, the test images, a free port for everything.
        StackSettings settings = StackSettings.DEFAULTS.withProject("it-wizard-" + Long.toString(System.nanoTime(), 36))
                .withHealthTimeoutSeconds(60);
        String images = TestServices.optional("ALLOY_COMPANION_TEST_STACK_IMAGES").orElse("");
        for (String pair : images.isEmpty() ? new String[0] : images.split(",")) {
            String[] parts = pair.split("=", 2);
            settings = settings.withImage(StackService.byId(parts[0]).orElseThrow(), parts[1]);
        }
        for (StackService service : StackService.values()) {
            settings = settings.withHostPort(service, StandInProcess.freePort());
        }
        prepared = settings.withOtlpHttpHostPort(StandInProcess.freePort());
        new StackFolder(dir).write(prepared);

        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        context = scenario.app(Locale.ENGLISH, themes, current -> current.withStackDir(Optional.of(dir.toString())));
        context.start();
        context.attach(stage, 1100, 800);
        stage.show();
    }

    @AfterEach
    void removeTheStack() throws Exception {
        if (TestServices.optional("DOCKER_HOST").isPresent() && dir != null && Files.exists(dir)) {
            try (StackOrchestrator stack = StackOrchestrator.open(new DockerEngineLocator(Environment.current()).locate(),
                    new StackFolder(dir), Optional.empty())) {
                stack.down(true, StackEvent.Listener.NONE);
            }
        }
        if (context != null) {
            context.agent().shutdown();
        }
        if (scenario != null) {
            scenario.close();
        }
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    private static String title(FxRobot robot) {
        return robot.lookup("#wizard-step-title").queryAs(Label.class).getText();
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    /** What is on the FX thread now (the lists are replaced there). */
    private static <T> List<T> items(ListView<T> list) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(list.getItems())).get(10, TimeUnit.SECONDS);
    }

    private static <T> List<T> items(TableView<T> table) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theLocalStackPathEndsWithFiveHealthyServicesAndTheirChecksPassed(FxRobot robot) throws Exception {
        TestServices.require("DOCKER_HOST", "Docker engine");
        TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");
        Button next = robot.lookup("#wizard-next").queryButton();

        robot.clickOn("#mode-stack");
        robot.clickOn("#wizard-next");
        assertThat(title(robot)).isEqualTo("Check this computer");
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Nothing installed on this computer, and nothing needed: the stack's Alloy runs in a container.
        assertThat(title(robot)).isEqualTo("Install Alloy");
        assertThat(robot.lookup("#install-local-stack").queryAs(Label.class).isVisible()).isTrue();
        waitUntil(10, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Store your Grafana Cloud credentials");
        waitUntil(10, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // The stack's own options, starting from the folder's settings; the step list names the stack's steps.
        assertThat(title(robot)).isEqualTo("Choose the stack folder and options");
        assertThat(robot.lookup(".wizard-step-item").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("5. Choose the stack folder and options", "6. Review the stack files", "7. Start the stack");
        assertThat(robot.lookup("#stack-sources-folder").queryAs(TextField.class).getText()).isEqualTo(dir.toString());
        assertThat(robot.lookup("#stack-sources-otlp-port").queryAs(TextField.class).getText())
                .isEqualTo(String.valueOf(prepared.otlpHttpHostPort()));
        type(robot, "#stack-sources-otlp-port", "0");
        waitUntil(5, next::isDisabled);
        assertThat(robot.lookup("#stack-sources-otlp-port-error").queryAs(Label.class).getText())
                .isEqualTo("Enter a port number from 1 to 65535.");
        int otlpPort = StandInProcess.freePort();
        type(robot, "#stack-sources-otlp-port", String.valueOf(otlpPort));
        type(robot, "#stack-sources-retention", "3");
        waitUntil(5, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Review: what generating the folder with these options changes, file by file.
        assertThat(title(robot)).isEqualTo("Review the stack files");
        waitUntil(20, () -> !next.isDisabled());
        ListView<StackReviewStep.FileRow> files = robot.lookup("#stack-review-files").queryListView();
        assertThat(items(files)).extracting(StackReviewStep.FileRow::text).contains("update       tempo/tempo-config.yaml",
                "update       docker-compose.yml", "unchanged    grafana/dashboards/starter.json");
        assertThat(robot.lookup("#stack-review-status").queryAs(Label.class).getText()).isEqualTo("Next changes 3 files in " + dir + ".");
        assertThat(robot.lookup("#stack-review-diff").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("-    block_retention: 168h", "+    block_retention: 72h");
        robot.clickOn("#wizard-next");

        // Start: the five containers come up, each healthy before the next.
        waitUntil(20, () -> title(robot).equals("Start the stack"));
        assertThat(new StackFolder(dir).readSettings()).contains(prepared.withOtlpHttpHostPort(otlpPort).withRetentionDays(3));
        waitUntil(180, () -> !next.isDisabled());
        TableView<StackViewModel.Row> services = robot.lookup("#wizard-stack-services").query();
        assertThat(items(services)).hasSize(5).allMatch(row -> row.health() == ServiceStatus.Health.HEALTHY
                && row.state().equals("running"));
        assertThat(items(services).get(StackService.ALLOY.ordinal()).ports())
                .isEqualTo(prepared.hostPort(StackService.ALLOY) + ", OTLP " + otlpPort);
        assertThat(robot.lookup("#wizard-stack-message").queryAs(Label.class).getText()).isEqualTo("All five services are up and healthy.");
        assertThat(robot.lookup("#wizard-stack-advice").queryAs(Label.class).isVisible()).isFalse();
        robot.clickOn("#wizard-next");

        // The checklist asks each service on the folder's ports.
        assertThat(title(robot)).isEqualTo("Check that everything arrives");
        ListView<ChecklistViewModel.Row> checks = robot.lookup("#checklist-items").queryListView();
        List<String> ready = List.of("stack-alloy-ready", "stack-tempo-ready", "stack-loki-ready", "stack-prometheus-ready");
        waitUntil(90, () -> {
            List<ChecklistViewModel.Row> now = items(checks);
            return !now.isEmpty() && now.stream().noneMatch(row -> row.checking() || row.result().isEmpty());
        });
        Map<String, CheckStatus> statuses = new LinkedHashMap<>();
        items(checks).forEach(row -> statuses.put(row.id(), row.result().get().status()));
        Map<String, CheckStatus> passed = new LinkedHashMap<>();
        ready.forEach(id -> passed.put(id, CheckStatus.PASS));
        assertThat(statuses).as(robot.lookup("#checklist-summary").queryAs(Label.class).getText()).containsAllEntriesOf(passed);
        assertThat(items(checks).stream().filter(row -> row.id().equals("stack-alloy-ready")).findFirst().orElseThrow()
                .result().get().evidence().get("url")).contains(":" + prepared.hostPort(StackService.ALLOY) + "/");

        // Finish lands on the Local stack screen, which shows the folder's new settings.
        waitUntil(10, () -> !robot.lookup("#wizard-finish").queryButton().isDisabled());
        robot.clickOn("#wizard-finish");
        waitUntil(10, () -> robot.lookup("#nav-stack").queryAs(ToggleButton.class).isSelected());
        waitUntil(10, () -> robot.lookup("#stack-otlp-port").tryQuery().isPresent());
        assertThat(robot.lookup("#stack-otlp-port").queryAs(TextField.class).getText()).isEqualTo(String.valueOf(otlpPort));
        Path settingsFile = scenario.home().resolve("config").resolve("settings.json");
        waitUntil(10, () -> Files.readString(settingsFile).contains("\"completed\" : true"));
        assertThat(scenario.unexpected()).isEmpty();
    }

    @Test
    void bothRunsTheStackWhoseAlloyGetsTheTokenAndItsChecklistCoversGrafanaCloudToo(FxRobot robot) throws Exception {
        TestServices.require("DOCKER_HOST", "Docker engine");
        TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");
        Button next = robot.lookup("#wizard-next").queryButton();

        robot.clickOn("#mode-both");
        robot.clickOn("#wizard-next");
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");
        assertThat(title(robot)).isEqualTo("Install Alloy");
        waitUntil(10, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Grafana Cloud's credentials are needed in this mode: Next waits for a saved profile.
        assertThat(title(robot)).isEqualTo("Store your Grafana Cloud credentials");
        waitUntil(10, () -> robot.lookup("#credentials-name").tryQuery().isPresent());
        assertThat(next.isDisabled()).isTrue();
        NewcomerScenario.MetricsEndpoint metrics = scenario.metrics();
        scenario.credentialsForm(metrics.password()).forEach((id, value) -> type(robot, id, value));
        // Below the fold of the form: pressed as the keyboard would (it is the default button).
        robot.interact(() -> robot.lookup("#credentials-save").queryButton().fire());
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Choose the stack folder and options");
        assertThat(robot.lookup("#stack-sources-cloud").queryAs(Label.class).getText())
                .startsWith("Everything the stack receives also goes to Grafana Cloud with the profile dev: metrics to ");
        waitUntil(5, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");
        assertThat(title(robot)).isEqualTo("Review the stack files");
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        waitUntil(20, () -> title(robot).equals("Start the stack"));
        waitUntil(180, () -> !next.isDisabled());
        StackSettings written = new StackFolder(dir).readSettings().orElseThrow();
        assertThat(written.cloud().orElseThrow().profile()).isEqualTo("dev");
        assertThat(Files.readString(dir.resolve("alloy/config.alloy"))).contains(metrics.url()).doesNotContain(metrics.password());
        // The token reached the stack's Alloy from the store, as its environment, and nothing in the folder has it.
        try (var docker = io.alloycompanion.core.stack.DockerClients.connect(new DockerEngineLocator(Environment.current()).locate(),
                java.time.Duration.ofSeconds(30))) {
            assertThat(docker.inspectContainerCmd(written.name("alloy")).exec().getConfig().getEnv())
                    .contains(StackSettings.TOKEN_VARIABLE + "=" + metrics.password());
        }
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Check that everything arrives");
        ListView<ChecklistViewModel.Row> checks = robot.lookup("#checklist-items").queryListView();
        waitUntil(90, () -> {
            List<ChecklistViewModel.Row> now = items(checks);
            return now.stream().anyMatch(row -> row.id().equals("cloud-metrics"))
                    && now.stream().noneMatch(row -> row.checking() || row.result().isEmpty());
        });
        Map<String, CheckStatus> statuses = new LinkedHashMap<>();
        items(checks).forEach(row -> statuses.put(row.id(), row.result().get().status()));
        assertThat(statuses).as(statuses.toString()).containsEntry("stack-alloy-ready", CheckStatus.PASS)
                .containsEntry("credentials-token", CheckStatus.PASS).containsEntry("config-valid", CheckStatus.PASS)
                .containsEntry("config-endpoints", CheckStatus.PASS).containsEntry("cloud-metrics", CheckStatus.PASS)
                .doesNotContainKeys("agent-running", "alloy-installed");

        waitUntil(10, () -> !robot.lookup("#wizard-finish").queryButton().isDisabled());
        robot.clickOn("#wizard-finish");
        waitUntil(10, () -> robot.lookup("#nav-stack").queryAs(ToggleButton.class).isSelected());
        waitUntil(10, () -> robot.lookup("#stack-cloud").tryQuery().isPresent());
        assertThat(robot.lookup("#stack-cloud").queryAs(Label.class).getText())
                .startsWith("Its Alloy also sends everything to Grafana Cloud with the profile dev");
        assertThat(scenario.unexpected()).isEmpty();
    }
}
