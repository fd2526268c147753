package io.alloycompanion.ui.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import io.alloycompanion.core.settings.ThemePreference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Config screen with the real editor: problems appear as you type, Format works, the file shows. */
@ExtendWith(ApplicationExtension.class)
class ConfigScreenUiTest {

    @TempDir
    Path temp;

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private Path file;
    private SettingsWriter writer;

    @Start
    void start(Stage stage) throws Exception {
        var dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"), temp.resolve("cache"));
        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        file = Files.writeString(temp.resolve("data-config.alloy"), "logging {\n\tlevel = \"info\"\n}\n");
        store.save(store.current().withConfigFile(file.toString()));
        Localization l10n = new Localization(Locale.ENGLISH);
        writer = new SettingsWriter(store, unexpected::add);
        var model = new ConfigViewModel(writer, dirs, new FxTaskExecutor(unexpected::add),
                l10n, LintContext.NONE);
        Map<Class<?>, Supplier<?>> controllers = Map.of(ConfigController.class, () -> new ConfigController(model, l10n));
        var root = new ViewLoader(l10n, controllers).load(FxmlView.CONFIG).root();
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        Scene scene = new Scene(root, 1000, 700);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void finishWrites() throws Exception {
        writer.updateAndFinish(settings -> settings, Duration.ofSeconds(5));
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void showsTheFileAndReportsProblemsWhileTyping(FxRobot robot) throws Exception {
        CodeArea editor = robot.lookup("#config-editor").queryAs(CodeArea.class);
        waitUntil(() -> editor.getText().equals("logging {\n\tlevel = \"info\"\n}\n"));
        assertThat(robot.lookup("#config-file").queryAs(Label.class).getText()).isEqualTo(file.toString());

        robot.interact(() -> editor.replaceText("targets = [\n\t1,\n\t2\n]\n"));
        ListView<Diagnostic> problems = robot.lookup("#config-problems").queryListView();
        waitUntil(() -> problems.getItems().size() == 1);
        assertThat(problems.getItems().get(0).message()).isEqualTo("missing ',' in expression list");
        assertThat(robot.lookup("#config-dirty").queryAs(Label.class).isVisible()).isTrue();

        robot.interact(() -> editor.replaceText("targets=[1,2]\n"));
        waitUntil(problems.getItems()::isEmpty);
        robot.clickOn("#config-format");
        waitUntil(() -> editor.getText().equals("targets = [1, 2]\n"));
        assertThat(unexpected).isEmpty();
    }
}
