package io.alloycompanion.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.SettingsWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path temp;

    @Test
    void changesAreAppliedAtOnceAndSaved() throws Exception {
        var dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"), temp.resolve("cache"));
        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        List<Object> applied = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        var model = new SettingsViewModel(new SettingsWriter(store, errors::add), dirs, applied::add, applied::add, applied::add,
                dataRemoval(dirs));

        assertThat(model.languageProperty().get()).isEqualTo(Language.SYSTEM);
        model.languageProperty().set(Language.SPANISH);
        model.themeProperty().set(ThemePreference.DARK);

        assertThat(applied).containsExactly(Language.SPANISH, ThemePreference.DARK);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var saved = new SettingsStore(dirs.settingsFile()).load().settings();
            assertThat(saved.language()).isEqualTo(Language.SPANISH);
            assertThat(saved.theme()).isEqualTo(ThemePreference.DARK);
        });
        assertThat(errors).isEmpty();
        assertThat(model.settingsFile()).endsWith("settings.json");

        model.alloyBinaryProperty().set(" /opt/alloy/alloy ");
        model.mirrorProperty().set("https://mirror.example/alloy");
        model.commitAlloySettings();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var saved = new SettingsStore(dirs.settingsFile()).load().settings();
            assertThat(saved.alloyBinary()).contains("/opt/alloy/alloy");
            assertThat(saved.mirror()).contains("https://mirror.example/alloy");
        });
        model.alloyBinaryProperty().set("");
        model.commitAlloySettings();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(new SettingsStore(dirs.settingsFile()).load().settings().alloyBinary()).isEmpty());

        model.alloyBinaryProperty().set("/opt/alloy/alloy");
        model.commitAlloySettings();

        applied.clear();
        assertThat(model.restartOnCrashProperty().get()).as("off by default").isFalse();
        assertThat(model.logBufferRecordsProperty().get()).isEqualTo(50_000);
        model.restartOnCrashProperty().set(true);
        model.logBufferRecordsProperty().set(200_000);
        model.logBufferRecordsProperty().set(5);
        assertThat(model.logBufferRecordsProperty().get()).as("snapped to the smallest size allowed").isEqualTo(1_000);
        assertThat(applied).containsExactly(new AgentPreferences(true, 50_000), new AgentPreferences(true, 200_000),
                new AgentPreferences(true, 1_000));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var saved = new SettingsStore(dirs.settingsFile()).load().settings();
            assertThat(saved.agent()).isEqualTo(new AgentPreferences(true, 1_000));
            assertThat(saved.alloyBinary()).as("other settings kept").contains("/opt/alloy/alloy");
        });
    }

    @Test
    void aWriterToldToStopSavesNothingMore() throws Exception {
        var dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"), temp.resolve("cache"));
        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        List<Throwable> errors = new ArrayList<>();
        var writer = new SettingsWriter(store, errors::add);

        writer.stopSaving(Duration.ofSeconds(5));
        writer.update(settings -> settings.withLanguage(Language.SPANISH));

        assertThat(writer.updateAndFinish(settings -> settings.withTheme(ThemePreference.DARK), Duration.ofSeconds(5))).isTrue();
        assertThat(dirs.settingsFile()).as("not written again once the app's data is removed").doesNotExist();
        assertThat(errors).isEmpty();
    }

    static DataRemovalViewModel dataRemoval(AppDirectories dirs) {
        var credentials = new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")),
                location -> new MemorySecretStore());
        return new DataRemovalViewModel(new DataRemoval(dirs, credentials), () -> Settings.DEFAULTS, dirs.data(), () -> { },
                () -> { }, new ControlledTaskExecutor(), new Localization(Locale.ENGLISH));
    }
}
