package io.alloycompanion.ui.settings;

import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javafx.util.converter.IntegerStringConverter;

public final class SettingsController {

    private final SettingsViewModel model;
    private final Localization l10n;

    @FXML private ComboBox<Language> languageChoice;
    @FXML private ComboBox<ThemePreference> themeChoice;
    @FXML private TextField alloyBinary;
    @FXML private TextField mirror;
    @FXML private CheckBox restartOnCrash;
    @FXML private Spinner<Integer> logBuffer;
    @FXML private TextField settingsFile;
    @FXML private TextField logFolder;

    public SettingsController(SettingsViewModel model, Localization l10n) {
        this.model = model;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        languageChoice.getItems().setAll(Language.values());
        languageChoice.setConverter(converter(this::languageName));
        languageChoice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Language item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : languageName(item));
            }
        });
        languageChoice.valueProperty().bindBidirectional(model.languageProperty());
        themeChoice.getItems().setAll(ThemePreference.values());
        themeChoice.setConverter(converter(this::themeName));
        themeChoice.valueProperty().bindBidirectional(model.themeProperty());
        alloyBinary.textProperty().bindBidirectional(model.alloyBinaryProperty());
        mirror.textProperty().bindBidirectional(model.mirrorProperty());
        for (TextField field : new TextField[] {alloyBinary, mirror}) {
            field.focusedProperty().addListener((obs, old, focused) -> {
                if (!focused) {
                    model.commitAlloySettings();
                }
            });
            field.setOnAction(event -> model.commitAlloySettings());
        }
        restartOnCrash.selectedProperty().bindBidirectional(model.restartOnCrashProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory sizes = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                AgentPreferences.MIN_LOG_BUFFER, AgentPreferences.MAX_LOG_BUFFER, model.logBufferRecordsProperty().get(), 10_000);
        sizes.setConverter(new IntegerStringConverter() {
            @Override
            public Integer fromString(String text) {
                // "50,000", "50.000" and "50 000" all mean fifty thousand; anything else keeps the current value.
                String digits = text == null ? "" : text.replaceAll("[\\s.,'\u00a0\u202f]", "");
                try {
                    return digits.isEmpty() ? sizes.getValue() : Integer.valueOf(digits);
                } catch (NumberFormatException e) {
                    return sizes.getValue();
                }
            }

            @Override
            public String toString(Integer value) {
                return value == null ? "" : String.format(l10n.localeProperty().get(), "%,d", value);
            }
        });
        logBuffer.setValueFactory(sizes);
        sizes.valueProperty().bindBidirectional(model.logBufferRecordsProperty());
        logBuffer.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                logBuffer.increment(0);
            }
        });
        settingsFile.setText(model.settingsFile());
        logFolder.setText(model.logFolder());
    }

    @FXML
    private void browseAlloy() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.get("settings.alloyBinary"));
        File chosen = chooser.showOpenDialog(alloyBinary.getScene().getWindow());
        if (chosen != null) {
            alloyBinary.setText(chosen.getAbsolutePath());
            model.commitAlloySettings();
        }
    }

    private String languageName(Language language) {
        switch (language) {
            case ENGLISH:
                return "English";
            case SPANISH:
                return "Español";
            case PORTUGUESE_BRAZIL:
                return "Português (Brasil)";
            default:
                return l10n.get("settings.language.system");
        }
    }

    private String themeName(ThemePreference theme) {
        switch (theme) {
            case LIGHT:
                return l10n.get("settings.theme.light");
            case DARK:
                return l10n.get("settings.theme.dark");
            default:
                return l10n.get("settings.theme.system");
        }
    }

    private static <T> StringConverter<T> converter(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices are not typed in");
            }
        };
    }
}
