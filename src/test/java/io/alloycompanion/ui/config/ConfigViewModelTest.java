package io.alloycompanion.ui.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigViewModelTest {

    @TempDir
    Path temp;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private ConfigViewModel model;
    private Path file;
    private SettingsStore store;
    private SettingsWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        var dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"), temp.resolve("cache"));
        store = new SettingsStore(dirs.settingsFile());
        store.load();
        writer = new SettingsWriter(store, error -> { });
        model = new ConfigViewModel(writer, dirs, executor, new Localization(Locale.ENGLISH), LintContext.NONE);
        file = Files.writeString(temp.resolve("config.alloy"), "logging {\n\tlevel = \"info\"\n}\n");
        model.open(file);
        executor.runAll();
    }

    /** Settings are written in the background; let them land before the temporary folder goes. */
    @AfterEach
    void finishWrites() throws Exception {
        writer.updateAndFinish(settings -> settings, Duration.ofSeconds(5));
    }

    @Test
    void opensTheFileAndRemembersIt() {
        assertThat(model.textProperty().get()).isEqualTo("logging {\n\tlevel = \"info\"\n}\n");
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Opened " + file + ".");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().configFile().isPresent());
        assertThat(store.current().configFile()).contains(file.toString());
    }

    @Test
    void problemsFollowTheTextAndStaleResultsAreDropped() {
        model.textProperty().set("a = [1\n");
        model.validate();
        model.textProperty().set("a = [1]\n");
        executor.runAll();
        assertThat(model.problems()).as("the result for the old text was dropped").isEmpty();

        model.validate();
        executor.runAll();
        assertThat(model.problems()).isEmpty();
        model.textProperty().set("a = [\n\t1\n]\n");
        model.validate();
        executor.runAll();
        assertThat(model.problems()).extracting(problem -> problem.message()).containsExactly("missing ',' in expression list");
        model.textProperty().set("b = env(\"X\")\n");
        model.validate();
        executor.runAll();
        assertThat(model.problems()).extracting(problem -> problem.message()).containsExactly("env() is deprecated");
    }

    @Test
    void formatFormatsOrSaysWhyNot() {
        model.textProperty().set("logging { level = \"debug\" }");
        model.format();
        executor.runAll();
        assertThat(model.textProperty().get()).isEqualTo("logging {\n\tlevel = \"debug\"\n}\n");
        model.textProperty().set("logging {");
        model.format();
        executor.runAll();
        assertThat(model.textProperty().get()).isEqualTo("logging {");
        assertThat(model.statusProperty().get()).startsWith("Cannot format");
    }

    @Test
    void saveShowsTheDiffThenWritesAtomicallyWithABackup() throws Exception {
        model.textProperty().set("logging {\n\tlevel = \"debug\"\n}\n");
        model.requestSave();
        executor.runAll();
        assertThat(model.pendingDiffProperty().get()).contains("-\tlevel = \"info\"", "+\tlevel = \"debug\"");
        assertThat(file).hasContent("logging {\n\tlevel = \"info\"\n}\n");

        model.confirmSave();
        executor.runAll();
        assertThat(file).hasContent("logging {\n\tlevel = \"debug\"\n}\n");
        assertThat(temp.resolve("config.alloy.bak")).hasContent("logging {\n\tlevel = \"info\"\n}\n");
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.pendingDiffProperty().get()).isNull();
    }

    @Test
    void aConfigWithErrorsIsNotSaved() throws Exception {
        model.textProperty().set("logging {\n");
        model.requestSave();
        executor.runAll();
        assertThat(model.pendingDiffProperty().get()).isNull();
        assertThat(model.statusProperty().get()).startsWith("Not saved: fix the 1 error(s)");
        assertThat(file).hasContent("logging {\n\tlevel = \"info\"\n}\n");
    }

    @Test
    void aFileChangedOnDiskIsNeverOverwritten() throws Exception {
        model.textProperty().set("logging {\n\tlevel = \"debug\"\n}\n");
        Files.writeString(file, "logging {\n\tlevel = \"warn\"\n}\n");

        model.checkDisk();
        executor.runAll();
        assertThat(model.externalChangeProperty().get()).isTrue();

        model.requestSave();
        executor.runAll();
        assertThat(model.pendingDiffProperty().get()).isNull();
        assertThat(file).hasContent("logging {\n\tlevel = \"warn\"\n}\n");

        model.reloadFromDisk();
        executor.runAll();
        assertThat(model.textProperty().get()).isEqualTo("logging {\n\tlevel = \"warn\"\n}\n");
        assertThat(model.externalChangeProperty().get()).isFalse();
    }

    @Test
    void aChangeOnDiskWhileTheDiffIsShownIsNotOverwritten() throws Exception {
        model.textProperty().set("logging {\n\tlevel = \"debug\"\n}\n");
        model.requestSave();
        executor.runAll();
        assertThat(model.pendingDiffProperty().get()).isNotNull();
        Files.writeString(file, "logging {\n\tlevel = \"warn\"\n}\n");

        model.confirmSave();
        executor.runAll();

        assertThat(file).hasContent("logging {\n\tlevel = \"warn\"\n}\n");
        assertThat(model.externalChangeProperty().get()).isTrue();
    }

    @Test
    void lineEndingChangesCanBeSaved() throws Exception {
        Files.writeString(file, "logging {\r\n\tlevel = \"info\"\r\n}\r\n");
        model.reloadFromDisk();
        executor.runAll();
        model.format();
        executor.runAll();
        assertThat(model.textProperty().get()).isEqualTo("logging {\n\tlevel = \"info\"\n}\n");
        model.requestSave();
        executor.runAll();
        assertThat(model.pendingDiffProperty().get()).containsExactly("Only line endings or the final newline change.");
        model.confirmSave();
        executor.runAll();
        assertThat(file).hasContent("logging {\n\tlevel = \"info\"\n}\n");
    }

    @Test
    void aMissingFileIsCreatedOnSave() throws Exception {
        Path fresh = temp.resolve("new/config.alloy");
        model.open(fresh);
        executor.runAll();
        assertThat(model.statusProperty().get()).contains("does not exist yet");
        model.textProperty().set("logging {\n\tlevel = \"info\"\n}\n");
        model.requestSave();
        executor.runAll();
        model.confirmSave();
        executor.runAll();
        assertThat(fresh).hasContent("logging {\n\tlevel = \"info\"\n}\n");
    }
}
