package io.alloycompanion.ui.settings;

import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.SettingsWriter;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Language and theme, applied as soon as they change and saved in the background. */
public final class SettingsViewModel {

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<ThemePreference> theme = new SimpleObjectProperty<>();
    private final AppDirectories directories;

    public SettingsViewModel(SettingsWriter writer, AppDirectories directories,
                             Consumer<Language> applyLanguage, Consumer<ThemePreference> applyTheme) {
        this.directories = directories;
        language.set(writer.current().language());
        theme.set(writer.current().theme());
        language.addListener((obs, old, value) -> {
            if (value != null && value != old) {
                writer.update(settings -> settings.withLanguage(value));
                applyLanguage.accept(value);
            }
        });
        theme.addListener((obs, old, value) -> {
            if (value != null && value != old) {
                writer.update(settings -> settings.withTheme(value));
                applyTheme.accept(value);
            }
        });
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
}
