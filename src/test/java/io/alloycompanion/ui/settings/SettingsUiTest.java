package io.alloycompanion.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The agent part of the Settings screen in Spanish: the checkbox and a size typed the Spanish way reach the model. */
@ExtendWith(ApplicationExtension.class)
class SettingsUiTest {

    private final List<Object> applied = new CopyOnWriteArrayList<>();
    private SettingsStore store;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("settings-ui");
        AppDirectories dirs = new AppDirectories(home.resolve("config"), home.resolve("data"), home.resolve("logs"),
                home.resolve("cache"));
        store = new SettingsStore(dirs.settingsFile());
        store.load();
        Localization l10n = new Localization(Locale.forLanguageTag("es"));
        SettingsViewModel model = new SettingsViewModel(new SettingsWriter(store, applied::add), dirs, applied::add,
                applied::add, applied::add);
        ViewLoader views = new ViewLoader(l10n, Map.<Class<?>, Supplier<?>>of(SettingsController.class,
                () -> new SettingsController(model, l10n)));
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        StackPane content = new StackPane(views.load(FxmlView.SETTINGS).root());
        Scene scene = new Scene(content, 1100, 720);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void restartOnCrashAndTheLogSizeTypedWithSpanishDigitGroupingAreAppliedAndSaved(FxRobot robot) throws Exception {
        Spinner<Integer> size = robot.lookup("#settings-log-buffer").query();
        assertThat(size.getEditor().getText()).isEqualTo("50.000");
        CheckBox restart = robot.lookup("#settings-restart-on-crash").queryAs(CheckBox.class);
        assertThat(restart.isSelected()).isFalse();

        robot.clickOn(restart);
        robot.doubleClickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("250.000").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(size.getValue()).isEqualTo(250_000);
        assertThat(size.getEditor().getText()).isEqualTo("250.000");
        assertThat(applied).containsExactly(new AgentPreferences(true, 50_000), new AgentPreferences(true, 250_000));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () ->
                new SettingsStore(store.file()).load().settings().agent().equals(new AgentPreferences(true, 250_000)));

        robot.doubleClickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("12").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(size.getValue()).as("below the smallest size: the smallest").isEqualTo(1_000);
    }
}
