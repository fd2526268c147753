package io.alloycompanion.ui.settings;

import io.alloycompanion.core.settings.AgentPreferences;
import io.alloycompanion.core.settings.Language;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javafx.util.converter.IntegerStringConverter;

public final class SettingsController implements DisposableController {

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
    @FXML private Button removeData;
    private final ChangeListener<DataRemovalViewModel.Phase> removalPhase = (obs, old, phase) -> showRemoval(phase);

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
        DataRemovalViewModel removal = model.dataRemoval();
        removeData.disableProperty().bind(removal.phaseProperty().isNotEqualTo(DataRemovalViewModel.Phase.IDLE));
        removal.phaseProperty().addListener(removalPhase);
    }

    @Override
    public void dispose() {
        model.dataRemoval().phaseProperty().removeListener(removalPhase);
    }

    @FXML
    private void removeData() {
        model.dataRemoval().prepare();
    }

    /** The confirmation once the list is ready, the result once the removal is done; later, so never mid-layout. */
    private void showRemoval(DataRemovalViewModel.Phase phase) {
        if (phase == DataRemovalViewModel.Phase.CONFIRMING) {
            Platform.runLater(this::confirmRemoval);
        } else if (phase == DataRemovalViewModel.Phase.DONE) {
            Platform.runLater(this::showRemovalResult);
        }
    }

    private void confirmRemoval() {
        DataRemovalViewModel removal = model.dataRemoval();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        if (removeData.getScene() != null && removeData.getScene().getWindow() != null) {
            confirm.initOwner(removeData.getScene().getWindow());
        }
        confirm.setTitle(l10n.get("removeData.title"));
        confirm.setHeaderText(l10n.get("removeData.header"));
        confirm.getDialogPane().setContent(lines("settings-remove-data-list", removal.planLines()));
        ButtonType remove = new ButtonType(l10n.get("removeData.confirm"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(l10n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        confirm.getButtonTypes().setAll(cancel, remove);
        // Removing everything is not what Enter should do by accident.
        ((Button) confirm.getDialogPane().lookupButton(remove)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(remove)).getStyleClass().add("danger");
        ((Button) confirm.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        confirm.showAndWait().filter(remove::equals).ifPresentOrElse(button -> removal.confirm(), removal::cancel);
    }

    private void showRemovalResult() {
        DataRemovalViewModel removal = model.dataRemoval();
        Alert result = new Alert(removal.complete() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        if (removeData.getScene() != null && removeData.getScene().getWindow() != null) {
            result.initOwner(removeData.getScene().getWindow());
        }
        result.setTitle(l10n.get("removeData.title"));
        result.setHeaderText(removal.resultHeader());
        result.getDialogPane().setContent(lines("settings-remove-data-result", removal.resultLines()));
        ButtonType close = new ButtonType(l10n.get("removeData.closeApp"), ButtonBar.ButtonData.OK_DONE);
        result.getButtonTypes().setAll(close);
        result.showAndWait();
        // However the dialog was closed: the app has no folders left to run on.
        removal.quit();
    }

    private static TextArea lines(String id, List<String> lines) {
        TextArea area = new TextArea(String.join("\n", lines));
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(18, Math.max(6, lines.size() + 1)));
        area.setPrefColumnCount(80);
        return area;
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
