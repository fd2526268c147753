package io.alloycompanion.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.FxTaskExecutor;
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
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
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

/**
 * The Settings screen in Spanish: the agent's checkbox and a size typed the Spanish way reach the model; "remove all
 * my data" lists what would go and cancelling leaves it.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsUiTest {

    private final List<Object> applied = new CopyOnWriteArrayList<>();
    private SettingsStore store;
    private AppDirectories dirs;
    private DataRemovalViewModel dataRemoval;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("settings-ui");
        AppDirectories dirs = new AppDirectories(home.resolve("config"), home.resolve("data"), home.resolve("logs"),
                home.resolve("cache"));
        store = new SettingsStore(dirs.settingsFile());
        store.load();
        Localization l10n = new Localization(Locale.forLanguageTag("es"));
        this.dirs = dirs;
        DataRemoval removal = new DataRemoval(dirs, new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")),
                location -> new MemorySecretStore()));
        dataRemoval = new DataRemovalViewModel(removal, () -> Settings.DEFAULTS, home, () -> applied.add("stopped"),
                () -> applied.add("quit"), new FxTaskExecutor(applied::add), l10n);
        SettingsViewModel model = new SettingsViewModel(new SettingsWriter(store, applied::add), dirs, applied::add,
                applied::add, applied::add, dataRemoval);
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

    @Test
    void removeAllMyDataShowsTheListCancelLeavesEverythingAndConfirmingRemovesThenCloses(FxRobot robot) throws Exception {
        Files.createDirectories(dirs.data());
        Path config = Files.writeString(dirs.data().resolve("config.alloy"), "logging {}\n");
        Button remove = robot.lookup("#settings-remove-data").queryButton();
        assertThat(remove.getText()).isEqualTo("Borrar todos mis datos…");

        robot.clickOn(remove);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-remove-data-list").tryQuery().isPresent());
        TextArea list = robot.lookup("#settings-remove-data-list").queryAs(TextArea.class);
        assertThat(list.getText()).contains("Tokens guardados:").contains(dirs.config().toString())
                .contains("preferencias y perfiles").contains("Se conserva:");
        assertThat(remove.isDisabled()).as("one removal at a time").isTrue();

        robot.clickOn(robot.lookup("Cancelar").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(dataRemoval.phaseProperty().get()).isEqualTo(DataRemovalViewModel.Phase.IDLE);
        assertThat(remove.isDisabled()).isFalse();
        assertThat(applied).doesNotContain("stopped", "quit");
        assertThat(Files.exists(config)).isTrue();

        robot.clickOn(remove);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-remove-data-list").tryQuery().isPresent());
        robot.clickOn(robot.lookup("Borrar todo").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-remove-data-result").tryQuery().isPresent());
        TextArea result = robot.lookup("#settings-remove-data-result").queryAs(TextArea.class);
        assertThat(result.getText()).contains("Borrado: " + dirs.data()).contains("La aplicación se cierra ahora.");
        assertThat(Files.exists(dirs.data())).isFalse();
        assertThat(applied).contains("stopped").doesNotContain("quit");

        robot.clickOn(robot.lookup("Cerrar la aplicación").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> applied.contains("quit"));
    }
}
