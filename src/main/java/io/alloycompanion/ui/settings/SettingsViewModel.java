package io.alloycompanion.ui.settings;

import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.SettingsWriter;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Language, theme, Alloy and agent settings, applied as soon as they change and saved in the background; and the
 * way to remove all of the app's data.
 */
public final class SettingsViewModel {

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<ThemePreference> theme = new SimpleObjectProperty<>();
    private final AppDirectories directories;
    private final SettingsWriter writer;
    private final StringProperty alloyBinary = new SimpleStringProperty("");
    private final StringProperty mirror = new SimpleStringProperty("");
    private final BooleanProperty restartOnCrash = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> logBufferRecords = new SimpleObjectProperty<>();
    private final DataRemovalViewModel dataRemoval;

    public SettingsViewModel(SettingsWriter writer, AppDirectories directories,
                             Consumer<Language> applyLanguage, Consumer<ThemePreference> applyTheme,
                             Consumer<AgentPreferences> applyAgent, DataRemovalViewModel dataRemoval) {
        this.directories = directories;
        this.dataRemoval = dataRemoval;
        this.writer = writer;
        alloyBinary.set(writer.current().alloyBinary().orElse(""));
        mirror.set(writer.current().mirror().orElse(""));
        language.set(writer.current().language());
        theme.set(writer.current().theme());
        language.addListener((obs, old, value) -> {
            if (value != null && value != old) {
                writer.update(settings -> settings.withLanguage(value));
                applyLanguage.accept(value);
            }
        });
        restartOnCrash.set(writer.current().agent().restartOnCrash());
        logBufferRecords.set(writer.current().agent().logBufferRecords());
        restartOnCrash.addListener((obs, old, value) -> {
            writer.update(settings -> settings.withAgent(settings.agent().withRestartOnCrash(value)));
            applyAgent.accept(new AgentPreferences(value, logBufferRecords.get()));
        });
        logBufferRecords.addListener((obs, old, value) -> {
            if (value == null) {
                logBufferRecords.set(old);
                return;
            }
            int allowed = new AgentPreferences(false, value).logBufferRecords();
            if (allowed != value) {
                logBufferRecords.set(allowed);
            } else if (!value.equals(old)) {
                writer.update(settings -> settings.withAgent(settings.agent().withLogBufferRecords(value)));
                applyAgent.accept(new AgentPreferences(restartOnCrash.get(), value));
            }
        });
        theme.addListener((obs, old, value) -> {
            if (value != null && value != old) {
                writer.update(settings -> settings.withTheme(value));
                applyTheme.accept(value);
            }
        });
    }

    /** Saves the Alloy binary and mirror fields (called when the user leaves a field or presses Enter). */
    public void commitAlloySettings() {
        Optional<String> binary = Optional.of(alloyBinary.get().trim()).filter(value -> !value.isEmpty());
        Optional<String> url = Optional.of(mirror.get().trim()).filter(value -> !value.isEmpty());
        if (!binary.equals(writer.current().alloyBinary()) || !url.equals(writer.current().mirror())) {
            writer.update(settings -> settings.withAlloyBinary(binary).withMirror(url));
        }
    }

    /** The Alloy binary every feature uses; empty means the first one found. */
    public StringProperty alloyBinaryProperty() {
        return alloyBinary;
    }

    /** Where Alloy releases are downloaded from; empty means GitHub. */
    public StringProperty mirrorProperty() {
        return mirror;
    }

    /** Start Alloy again after a crash, with a growing wait; off by default. */
    public BooleanProperty restartOnCrashProperty() {
        return restartOnCrash;
    }

    /** How many log lines the Logs screen keeps; out-of-range values snap to the nearest allowed one. */
    public ObjectProperty<Integer> logBufferRecordsProperty() {
        return logBufferRecords;
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public ObjectProperty<ThemePreference> themeProperty() {
        return theme;
    }

    public String settingsFile() {
        return directories.settingsFile().toString();
    }

    public String logFolder() {
        return directories.logs().toString();
    }

    /** "Your data": removing everything the app keeps, tokens included. */
    public DataRemovalViewModel dataRemoval() {
        return dataRemoval;
    }
}
