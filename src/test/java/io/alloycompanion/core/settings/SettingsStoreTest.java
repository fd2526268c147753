package io.alloycompanion.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path temp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneOffset.UTC);

    @Test
    void aMissingFileGivesDefaults() throws Exception {
        var result = new SettingsStore(temp.resolve("settings.json"), clock).load();
        assertThat(result.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void whatIsSavedIsReadBackWithItsSchemaVersion() throws Exception {
        Path file = temp.resolve("config/settings.json");
        Settings settings = Settings.DEFAULTS.withLanguage(Language.PORTUGUESE_BRAZIL).withTheme(ThemePreference.DARK)
                .withWizard(new WizardState("environment", Map.of("mode.mode", "LOCAL_STACK"), false))
                .withWindow(new WindowBounds(10, 20, 1100, 720, false));
        new SettingsStore(file, clock).save(settings);

        assertThat(Files.readString(file)).contains("\"schemaVersion\" : 1").doesNotContain("grafanaComApi\" : {");
        var loaded = new SettingsStore(file, clock).load();
        assertThat(loaded.settings()).isEqualTo(settings);
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"schemaVersion\":2,\"language\":\"SPANISH\",\"somethingNew\":{\"a\":1}}");
        var loaded = new SettingsStore(file, clock).load();
        assertThat(loaded.settings().language()).isEqualTo(Language.SPANISH);
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void agentPreferencesDefaultWhenAbsentAndSnapIntoRange() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"language\":\"SPANISH\"}");
        assertThat(new SettingsStore(file, clock).load().settings().agent()).isEqualTo(new AgentPreferences(false, 50_000));

        Files.writeString(file, "{\"schemaVersion\":1,\"agent\":{\"restartOnCrash\":true,\"logBufferRecords\":5}}");
        assertThat(new SettingsStore(file, clock).load().settings().agent()).isEqualTo(new AgentPreferences(true, 1_000));

        // A hand-edited value of the wrong type costs that value only, not the whole file.
        Files.writeString(file, "{\"schemaVersion\":1,\"language\":\"SPANISH\",\"agent\":{\"restartOnCrash\":\"yes\",\"logBufferRecords\":\"50k\"}}");
        var lenient = new SettingsStore(file, clock).load();
        assertThat(lenient.problem()).isEmpty();
        assertThat(lenient.settings().language()).isEqualTo(Language.SPANISH);
        assertThat(lenient.settings().agent()).isEqualTo(new AgentPreferences(false, 50_000));
        Files.writeString(file, "{\"schemaVersion\":1,\"agent\":{\"logBufferRecords\":5000000000}}");
        assertThat(new SettingsStore(file, clock).load().settings().agent().logBufferRecords()).isEqualTo(500_000);

        Settings saved = Settings.DEFAULTS.withAgent(new AgentPreferences(true, 250_000));
        new SettingsStore(file, clock).save(saved);
        assertThat(Files.readString(file)).contains("\"restartOnCrash\" : true", "\"logBufferRecords\" : 250000");
        assertThat(new SettingsStore(file, clock).load().settings()).isEqualTo(saved);
    }

    @Test
    void aCorruptFileIsMovedAsideAndReported() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"language\":");
        var store = new SettingsStore(file, clock);

        var loaded = store.load();

        Path aside = temp.resolve("settings.json.corrupt-20261121-083000");
        assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.problem()).hasValueSatisfying(problem -> {
            assertThat(problem.movedTo()).contains(aside);
            assertThat(problem.reason()).isNotBlank();
        });
        assertThat(file).doesNotExist();
        assertThat(aside).hasContent("{\"schemaVersion\":1,\"language\":");
    }

    @Test
    void aFileWithoutSchemaVersionOrWithUnknownValuesIsCorrupt() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"language\":\"ENGLISH\"}");
        assertThat(new SettingsStore(file, clock).load().problem()).isPresent();
        Files.writeString(file, "{\"schemaVersion\":1,\"theme\":\"PURPLE\"}");
        // Same second as the first one: the earlier file must not be overwritten.
        assertThat(new SettingsStore(file, clock).load().problem()).hasValueSatisfying(problem ->
                assertThat(problem.movedTo()).contains(temp.resolve("settings.json.corrupt-20261121-083000-2")));
        assertThat(temp.resolve("settings.json.corrupt-20261121-083000")).hasContent("{\"language\":\"ENGLISH\"}");
    }

    @Test
    void aFileHoldingNullOrAnArrayIsCorruptNotACrash() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "null");
        assertThat(new SettingsStore(file, clock).load().problem()).isPresent();
        Files.writeString(file, "[1, 2]");
        assertThat(new SettingsStore(file, clock).load().problem()).isPresent();
    }

    @Test
    void fieldsFromANewerVersionSurviveASave() throws Exception {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"schemaVersion\":2,\"language\":\"SPANISH\",\"profiles\":{\"prod\":{\"stack\":\"acme\"}}}");
        var store = new SettingsStore(file, clock);
        store.load();
        store.update(settings -> settings.withTheme(ThemePreference.DARK));
        assertThat(Files.readString(file)).contains("\"profiles\"").contains("\"acme\"").contains("DARK");
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndNeverOverwritten() throws Exception {
        Path file = Files.createDirectories(temp.resolve("settings.json")); // reading a folder fails on every OS
        var store = new SettingsStore(file, clock);
        var loaded = store.load();
        assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.problem()).hasValueSatisfying(problem -> assertThat(problem.movedTo()).isEmpty());
        store.update(settings -> settings.withTheme(ThemePreference.DARK));
        assertThat(file).isDirectory();
        assertThat(store.current().theme()).isEqualTo(ThemePreference.DARK);
    }

    @Test
    void updateAppliesChangesToTheCurrentSettings() throws Exception {
        Path file = temp.resolve("settings.json");
        var store = new SettingsStore(file, clock);
        store.load();
        store.update(settings -> settings.withTheme(ThemePreference.LIGHT));
        store.update(settings -> settings.withLanguage(Language.SPANISH));
        var reloaded = new SettingsStore(file, clock).load().settings();
        assertThat(reloaded.theme()).isEqualTo(ThemePreference.LIGHT);
        assertThat(reloaded.language()).isEqualTo(Language.SPANISH);
        assertThat(reloaded.grafanaComApi()).isEqualTo(Optional.empty());
    }
}
