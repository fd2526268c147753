package io.alloycompanion.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.NewcomerScenario;
import io.alloycompanion.testsupport.StandInProcess;
import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.ui.common.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
 * A newcomer walks the whole wizard against real programs and sockets: Alloy installed from a local release server
 * (the stand-in, verified like a download), the metrics endpoint a real Prometheus with basic auth when the test
 * services run, a local Loki push endpoint, the user's app with a /metrics page, the agent started for real, and the
 * checklist's results at the end. Then the same with a wrong token: the metrics item fails with the 401 diagnosis and
 * its fix leads to the Credentials screen.
 */
@ExtendWith(ApplicationExtension.class)
class WizardWalkthroughUiTest {

    @TempDir
    static Path temp;

    private static int run;
    private NewcomerScenario scenario;
    private UiContext context;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        scenario = new NewcomerScenario(Files.createDirectories(temp.resolve("home-" + ++run)));
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        context = scenario.app(Locale.ENGLISH, themes);
        context.start();
        context.attach(stage, 1100, 760);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
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

    /** Mode → Environment → Install → Credentials (saved with {@code password} as the token) → Sources → Review → Start. */
    private void walkToTheChecklist(FxRobot robot, String password) throws Exception {
        Button next = robot.lookup("#wizard-next").queryButton();
        robot.clickOn("#mode-cloud");
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Check this computer");
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Nothing installed: Install downloads the stand-in release from the local mirror and verifies it.
        assertThat(title(robot)).isEqualTo("Install Alloy");
        waitUntil(20, () -> !robot.lookup("#install-start").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#install-start").queryButton().fire());
        waitUntil(60, () -> !next.isDisabled());
        assertThat(robot.lookup("#install-message").queryAs(Label.class).getText()).contains("v1.18.0");
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Store your Grafana Cloud credentials");
        NewcomerScenario.MetricsEndpoint metrics = scenario.metrics();
        scenario.credentialsForm(password).forEach((id, value) -> type(robot, id, value));
        robot.interact(() -> robot.lookup("#credentials-save").queryButton().fire());
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Sources: the profile's endpoints are filled in; the user points the worker at the app and picks a free OTLP port.
        assertThat(title(robot)).isEqualTo("Choose sources and endpoints");
        waitUntil(20, () -> robot.lookup("#sources-url-metrics").queryAs(TextField.class).getText().equals(metrics.url()));
        type(robot, "#sources-address-1", scenario.appAddress());
        type(robot, "#sources-otlp-endpoint", "127.0.0.1:" + StandInProcess.freePort());
        type(robot, "#sources-frontend", scenario.frontendUrl());
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Review the config");
        waitUntil(20, () -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Start: the installed Alloy runs the config just written with the token in its environment.
        waitUntil(20, () -> title(robot).equals("Start the agent"));
        waitUntil(90, () -> !next.isDisabled());
        assertThat(context.agent().statusProperty().get().state()).isIn(AgentState.READY, AgentState.DEGRADED);
        waitUntil(10, () -> !robot.lookup("#wizard-start-lines").queryListView().getItems().isEmpty());
        robot.clickOn("#wizard-next");
        assertThat(title(robot)).isEqualTo("Check that everything arrives");
    }

    /** The list as it is on the FX thread (a new run replaces its rows there). */
    private static java.util.List<ChecklistViewModel.Row> rows(ListView<ChecklistViewModel.Row> items) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> java.util.List.copyOf(items.getItems())).get(10, TimeUnit.SECONDS);
    }

    private static Map<String, CheckStatus> statuses(FxRobot robot) throws Exception {
        ListView<ChecklistViewModel.Row> items = robot.lookup("#checklist-items").queryListView();
        waitUntil(90, () -> {
            java.util.List<ChecklistViewModel.Row> now = rows(items);
            return now.size() == 20 && now.stream().noneMatch(row -> row.checking() || row.result().isEmpty());
        });
        Map<String, CheckStatus> out = new LinkedHashMap<>();
        rows(items).forEach(row -> out.put(row.id(), row.result().get().status()));
        return out;
    }

    @Test
    void fromNothingInstalledToAGreenChecklist(FxRobot robot) throws Exception {
        walkToTheChecklist(robot, scenario.metrics().password());

        // Alloy sends samples every second: the checklist is checked again until it has sent some.
        Map<String, CheckStatus> statuses = statuses(robot);
        for (int i = 0; i < 10 && statuses.get("alloy-metrics-sent") != CheckStatus.PASS; i++) {
            robot.clickOn("#checklist-run");
            statuses = statuses(robot);
        }
        Map<String, CheckStatus> expected = new LinkedHashMap<>();
        for (String id : new String[] {"alloy-installed", "credentials-token", "credentials-leaks", "config-valid",
                "config-endpoints", "agent-running", "agent-errors", "scrape-targets", "otlp-receiver", "frontend-url",
                "cloud-metrics", "cloud-logs", "alloy-metrics-sent"}) {
            expected.put(id, CheckStatus.PASS);
        }
        expected.put("cloud-traces", CheckStatus.SKIPPED);
        expected.put("cloud-otlp", CheckStatus.SKIPPED);
        expected.put("alloy-spans-sent", CheckStatus.SKIPPED);
        // No read token given: nothing is read back.
        expected.put("cloud-metrics-visible", CheckStatus.SKIPPED);
        expected.put("cloud-logs-visible", CheckStatus.SKIPPED);
        expected.put("cloud-traces-visible", CheckStatus.SKIPPED);
        // No Grafana token given: the starter dashboard is not looked for.
        expected.put("cloud-dashboard", CheckStatus.SKIPPED);
        assertThat(statuses).as(robot.lookup("#checklist-summary").queryAs(Label.class).getText()).containsAllEntriesOf(expected);
        assertThat(robot.lookup("#checklist-summary").queryAs(Label.class).getText()).startsWith("All set: 13 passed");

        // Test telemetry reaches the agent's OTLP receiver and Alloy counts it.
        robot.clickOn("#checklist-send-telemetry");
        waitUntil(30, () -> robot.lookup("#checklist-telemetry-result").queryAs(Label.class).getText().startsWith("Alloy accepted"));

        // Finish lands on the Agent screen with Alloy running.
        robot.clickOn("#wizard-finish");
        waitUntil(10, () -> robot.lookup("#nav-agent").queryAs(ToggleButton.class).isSelected());
        assertThat(context.agent().statusProperty().get().running()).isTrue();
        Path settingsFile = scenario.home().resolve("config").resolve("settings.json");
        waitUntil(10, () -> Files.readString(settingsFile).contains("\"completed\" : true"));
        assertThat(scenario.unexpected()).isEmpty();
    }

    @Test
    void aWrongTokenFailsTheMetricsItemWithTheDiagnosisAndItsFixOpensCredentials(FxRobot robot) throws Exception {
        walkToTheChecklist(robot, scenario.metrics().password() + "-wrong");

        Map<String, CheckStatus> statuses = statuses(robot);
        assertThat(statuses.get("cloud-metrics")).isEqualTo(CheckStatus.FAIL);
        ListView<ChecklistViewModel.Row> items = robot.lookup("#checklist-items").queryListView();
        ChecklistViewModel.Row metrics = rows(items).stream().filter(row -> row.id().equals("cloud-metrics")).findFirst().orElseThrow();
        assertThat(metrics.result().get().evidence()).containsEntry("status", "401");
        assertThat(robot.lookup("#checklist-summary").queryAs(Label.class).getText()).contains("failed");

        // The list's cells are reused: scroll the item into view, then take the button on screen.
        robot.interact(() -> items.scrollTo(metrics));
        WaitForAsyncUtils.waitForFxEvents();
        Button fix = robot.lookup("#checklist-fix-cloud-metrics").match(node -> node.getScene() != null && node.isVisible()).queryButton();
        assertThat(fix.getText()).isEqualTo("Open Credentials");
        robot.interact(fix::fire);
        waitUntil(10, () -> robot.lookup("#nav-credentials").queryAs(ToggleButton.class).isSelected());
        assertThat(robot.lookup("#credentials-profiles").tryQuery()).isPresent();
    }
}
