package io.alloycompanion.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
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
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.TestCredentials;
import io.alloycompanion.ui.UiContext;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
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
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

/** The Logs screen inside the real main window, in Spanish: reached from the sidebar, fed by the session's buffer. */
@ExtendWith(ApplicationExtension.class)
class LogsNavigationUiTest {

    @TempDir
    Path temp;

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private SettingsWriter writer;
    private Path settingsFile;
    private UiContext context;

    @Start
    void start(Stage stage) throws Exception {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        AppDirectories dirs = AppDirectories.resolve(env);
        settingsFile = dirs.settingsFile();
        var store = new SettingsStore(settingsFile);
        store.load();
        Localization l10n = new Localization(Locale.forLanguageTag("es"));
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        var runner = new FakeCommandRunner();
        writer = new SettingsWriter(store, unexpected::add);
        Downloader downloader = new Downloader(ProxySelector.of(null));
        context = new UiContext(dirs, writer,
                new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new AlloyDetector(env, runner, temp.resolve("app-alloy"), temp.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror("http://127.0.0.1:1/releases", downloader), runner,
                        OperatingSystem.LINUX, Architecture.AMD64),
                LintContext.NONE, themes, l10n, new ErrorDialog(l10n),
                new FxTaskExecutor(unexpected::add), Optional.empty(),
                TestCredentials.inMemory(temp, "http://127.0.0.1:1"));
        context.start();
        context.attach(stage, 1100, 720);
        stage.show();
    }

    @AfterEach
    void finishWrites() throws Exception {
        writer.updateAndFinish(settings -> settings, Duration.ofSeconds(5));
    }

    @Test
    void theSidebarLeadsToTheLogsWhichStartEmptyAndShowTheSessionsLines(FxRobot robot) throws Exception {
        ToggleButton nav = robot.lookup("#nav-logs").queryAs(ToggleButton.class);
        assertThat(nav.getText()).isEqualTo("Registros");
        robot.clickOn(nav);
        assertThat(nav.isSelected()).isTrue();
        Label empty = robot.lookup("#logs-empty").queryAs(Label.class);
        assertThat(empty.getText()).isEqualTo("Inicia el agente para ver sus registros");
        assertThat(empty.isVisible()).isTrue();

        context.logBuffer().append(LogRecord.supervisor(LogLevel.INFO, "Alloy se inició (pid 4242)"));
        TableView<LogRecord> table = robot.lookup("#logs-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Alloy se inició (pid 4242)").tryQuery()).isPresent();
        assertThat(robot.lookup("#logs-status").queryAs(Label.class).getText())
                .isEqualTo("1 mostradas · 0 descartadas · 1 escritas");
        // The app opens on the Logs again next time.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> Files.exists(settingsFile) && Files.readString(settingsFile).contains("\"LOGS\""));
        assertThat(unexpected).isEmpty();
    }
}
