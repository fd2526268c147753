package io.alloycompanion.ui;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.TestCredentials;
import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.environment.EnvironmentRow;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
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

/** The real main window, FXML and controllers included, driven like a user would; only the doctor's probes are fakes. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    @TempDir
    Path temp;

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private ThemeManager themes;
    private Path settingsFile;
    private SettingsWriter writer;

    @Start
    void start(Stage stage) throws Exception {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        AppDirectories dirs = AppDirectories.resolve(env);
        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        settingsFile = dirs.settingsFile();
        Localization l10n = new Localization(Locale.ENGLISH);
        themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.SYSTEM);
        // An "alloy" on PATH that answers --version like v1.18.0, for the status bar's look at start-up.
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path alloyBinary = Files.writeString(bin.resolve("alloy"), "");
        alloyBinary.toFile().setExecutable(true);
        var pathEnv = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", bin.toString()), temp);
        var runner = new FakeCommandRunner().answer(List.of(alloyBinary.toAbsolutePath().normalize().toString(), "--version"), 0,
                "alloy, version v1.18.0 (branch: HEAD, revision: 1a2b3c4d5)\n");
        writer = new SettingsWriter(store, unexpected::add);
        Downloader downloader = new Downloader(ProxySelector.of(null));
        var context = new UiContext(dirs, writer,
                new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new AlloyDetector(pathEnv, runner, temp.resolve("app-alloy"), temp.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror("http://127.0.0.1:1/releases", downloader), runner,
                        OperatingSystem.LINUX, Architecture.AMD64), // nothing listens: the update check finds nothing
                LintContext.NONE, themes, l10n, new ErrorDialog(l10n),
                new FxTaskExecutor(unexpected::add), Optional.empty(),
                TestCredentials.inMemory(temp, "http://127.0.0.1:1"));
        context.start();
        context.attach(stage, 1100, 720);
        stage.show();
    }

    /** Settings are written in the background; let them land before the temporary folder goes. */
    @AfterEach
    void finishWrites() throws Exception {
        writer.updateAndFinish(settings -> settings, Duration.ofSeconds(5));
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void theWizardGatesNextOnAChoiceRunsTheCheckAndStoresTheCredentials(FxRobot robot) throws Exception {
        Button next = robot.lookup("#wizard-next").queryButton();
        assertThat(next.isDisabled()).isTrue();
        assertThat(robot.lookup("#wizard-back").queryButton().isDisabled()).isTrue();

        robot.clickOn("#mode-cloud");
        assertThat(next.isDisabled()).isFalse();
        // Keyboard: Enter is Next.
        robot.type(javafx.scene.input.KeyCode.ENTER);

        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Check this computer");
        ListView<EnvironmentRow> rows = robot.lookup("#environment-step-rows").queryListView();
        waitUntil(() -> rows.getItems().size() == 7);
        waitUntil(() -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // The Alloy on PATH is found, so the install step says so and lets the user go on.
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Install Alloy");
        waitUntil(() -> robot.lookup("#install-message").queryAs(Label.class).getText().startsWith("Alloy v1.18.0 is already installed"));
        waitUntil(() -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Credentials: going on needs a saved profile with a token (kept in memory in this test).
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText())
                .isEqualTo("Store your Grafana Cloud credentials");
        assertThat(next.isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#credentials-name").queryAs(TextField.class).setText("dev"));
        robot.interact(() -> robot.lookup("#credentials-token").queryAs(TextField.class).setText(FakeTokens.serviceAccount()));
        assertThat(robot.lookup("#credentials-token-refusal").queryAs(Label.class).getText()).contains("service account");
        assertThat(robot.lookup("#credentials-save").queryButton().isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#credentials-token").queryAs(TextField.class).setText(FakeTokens.cloud("42", "wizard", "prod-eu-west-2")));
        assertThat(robot.lookup("#credentials-token-info").queryAs(Label.class).getText())
                .contains("organisation 42").contains("region prod-eu-west-2");
        robot.interact(() -> robot.lookup("#credentials-url-metrics").queryAs(TextField.class).setText("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"));
        robot.interact(() -> robot.lookup("#credentials-user-metrics").queryAs(TextField.class).setText("1234567"));
        String readToken = FakeTokens.cloud("42", "reader", "prod-eu-west-2");
        robot.interact(() -> robot.lookup("#credentials-read-token").queryAs(TextField.class).setText(readToken));
        // The step scrolls in a 720-pixel window and Save sits below the fold; fire it as a keyboard user would.
        robot.interact(() -> robot.lookup("#credentials-save").queryButton().fire());
        waitUntil(() -> robot.lookup("#credentials-stored-token").queryAs(Label.class).getText().contains("glc_…"));
        waitUntil(() -> robot.lookup("#credentials-stored-read-token").queryAs(Label.class).getText()
                .equals("Read token set: glc_…" + readToken.substring(readToken.length() - 4)));
        assertThat(robot.lookup("#credentials-read-token").queryAs(TextField.class).getText()).isEmpty();
        waitUntil(() -> robot.lookup("#status-profile").queryAs(Label.class).getText().contains("dev"));
        waitUntil(() -> !next.isDisabled());
        Button finish = robot.lookup("#wizard-finish").queryButton();
        assertThat(finish.isVisible()).as("not the last step any more").isFalse();
        robot.clickOn("#wizard-next");

        // Sources: the saved profile fills the metrics endpoint; the suggested worker and the OTLP receiver are sources.
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Choose sources and endpoints");
        // The Credentials form's Save was a default button too; once it is gone, Enter belongs to Next again.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.getScene().getAccelerators()).containsKey(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.ENTER));
        waitUntil(() -> robot.lookup("#sources-user-metrics").queryAs(TextField.class).getText().equals("1234567"));
        waitUntil(() -> !next.isDisabled());
        robot.clickOn("#wizard-next");

        // Review: a new config file, which Next writes.
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Review the config");
        waitUntil(() -> !next.isDisabled());
        robot.clickOn("#wizard-next");
        Path config = temp.resolve("data").resolve("config.alloy");
        waitUntil(() -> Files.exists(config));
        assertThat(Files.readString(config)).contains("prometheus.scrape \"worker\"").contains("1234567").doesNotContain("glc_");

        // Start: the "alloy" here is an empty script that ends at once, so Alloy never gets ready; the step waits, and
        // offers Start again.
        waitUntil(() -> robot.lookup("#wizard-step-title").queryAs(Label.class).getText().equals("Start the agent"));
        waitUntil(() -> robot.lookup("#wizard-start-state").queryAs(Label.class).getText().matches("crashed|stopped")
                && robot.lookup("#wizard-start-start").queryButton().isVisible());
        assertThat(next.isDisabled()).isTrue();
        waitUntil(() -> Files.readString(settingsFile).contains("\"currentStep\" : \"start\""));
        assertThat(Files.readString(settingsFile)).contains("GRAFANA_CLOUD").contains("\"completed\" : false");
        assertThat(Files.readString(temp.resolve("profiles.json"))).contains("1234567").doesNotContain("glc_");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theSidebarLeadsToEveryScreenAndTheStatusBarKnowsAlloy(FxRobot robot) throws Exception {
        // Known from the look at start-up, before any machine check.
        waitUntil(() -> robot.lookup("#status-alloy").queryAs(Label.class).getText().equals("Alloy v1.18.0"));
        robot.clickOn("#nav-environment");
        ListView<EnvironmentRow> rows = robot.lookup("#environment-rows").queryListView();
        waitUntil(() -> rows.getItems().size() == 7);
        assertThat(robot.lookup("#nav-environment").queryAs(ToggleButton.class).isSelected()).isTrue();
        waitUntil(() -> robot.lookup("#status-alloy").queryAs(Label.class).getText().equals("Alloy v1.18.0"));
        assertThat(robot.lookup("#status-agent").queryAs(Label.class).getText()).isEqualTo("Agent: stopped");

        // Each entry shows its screen and stays the one highlighted (the Agent entry once highlighted Logs).
        for (String[] screen : new String[][] {{"agent", "#agent-state"}, {"logs", "#logs-table"},
                {"checklist", "#checklist-items"}, {"config", "#config-save"}, {"credentials", "#credentials-profiles"}}) {
            robot.clickOn("#nav-" + screen[0]);
            assertThat(robot.lookup(screen[1]).tryQuery()).as(screen[0]).isPresent();
            assertThat(robot.lookup(".nav-button").queryAllAs(ToggleButton.class)).filteredOn(ToggleButton::isSelected)
                    .extracting(ToggleButton::getId).containsExactly("nav-" + screen[0]);
        }

        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settings-language").tryQuery()).isPresent();
        // Clicking the selected entry again keeps it selected: the sidebar always shows where you are.
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theChecklistChecksOnOpeningAndAFixButtonLeadsToTheScreenThatFixesIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-checklist");
        Label summary = robot.lookup("#checklist-summary").queryAs(Label.class);
        waitUntil(() -> summary.getText().contains("failed"));
        ListView<?> items = robot.lookup("#checklist-items").queryListView();
        // The three read-back items (skipped without a read token) and the dashboard item (skipped without a Grafana
        // token) are on the list too.
        assertThat(items.getItems()).hasSize(20);
        assertThat(items.getItems()).extracting(item -> ((ChecklistViewModel.Row) item).id())
                .contains("cloud-metrics-visible", "cloud-logs-visible", "cloud-traces-visible", "cloud-dashboard");
        // No profile in this set-up: the token item fails and offers the Credentials screen.
        robot.clickOn("#checklist-fix-credentials-token");
        assertThat(robot.lookup("#nav-credentials").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#credentials-profiles").tryQuery()).isPresent();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void switchingLanguageReloadsTheWindowAndKeepsTheScreen(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        ComboBox<Language> language = robot.lookup("#settings-language").queryComboBox();
        robot.interact(() -> language.setValue(Language.PORTUGUESE_BRAZIL));

        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).getText()).isEqualTo("Preferências");
        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#status-agent").queryAs(Label.class).getText()).isEqualTo("Agente: parado");
        waitUntil(() -> Files.exists(settingsFile) && Files.readString(settingsFile).contains("PORTUGUESE_BRAZIL"));

        // The reloaded window works like the first one did.
        robot.clickOn("#nav-setup");
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Para onde sua telemetria deve ir?");
        robot.clickOn("#mode-stack");
        robot.clickOn("#wizard-next");
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Verificar este computador");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theThemeSwitchesBetweenLightAndDark(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        ComboBox<ThemePreference> theme = robot.lookup("#settings-theme").queryComboBox();
        robot.interact(() -> theme.setValue(ThemePreference.DARK));
        assertThat(themes.darkProperty().get()).isTrue();
        robot.interact(() -> theme.setValue(ThemePreference.LIGHT));
        assertThat(themes.darkProperty().get()).isFalse();
    }
}
