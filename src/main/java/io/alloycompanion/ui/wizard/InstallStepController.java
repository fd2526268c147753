package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.ui.common.Localization;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

public final class InstallStepController {

    private final InstallStep step;
    private final WizardViewModel wizard;
    private final Localization l10n;

    @FXML private Label message;
    @FXML private Label localStackNote;
    @FXML private Label modeLabel;
    @FXML private ComboBox<InstallStep.Mode> mode;
    @FXML private HBox modeRow;
    @FXML private ComboBox<PackageManagers.Manager> manager;
    @FXML private VBox rootBox;
    @FXML private TextArea rootCommands;
    @FXML private Label folder;
    @FXML private TextField version;
    @FXML private TextField mirror;
    @FXML private Button installButton;
    @FXML private Button cancelButton;
    @FXML private HBox progressRow;
    @FXML private ProgressBar progress;
    @FXML private Label progressText;
    @FXML private ListView<String> log;

    public InstallStepController(InstallStep step, WizardViewModel wizard, Localization l10n) {
        this.step = step;
        this.wizard = wizard;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(step.messageProperty());
        localStackNote.visibleProperty().bind(Bindings.createBooleanBinding(() -> step.notNeededProperty().get(),
                step.notNeededProperty()));
        localStackNote.managedProperty().bind(localStackNote.visibleProperty());
        folder.setText(step.installDir().toString());
        mode.setItems(FXCollections.observableArrayList(step.modes()));
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(InstallStep.Mode value) {
                return value == null ? "" : modeName(value);
            }

            @Override
            public InstallStep.Mode fromString(String text) {
                return null;
            }
        });
        mode.valueProperty().bindBidirectional(step.modeProperty());
        boolean choice = step.modes().size() > 1;
        for (var node : new Node[] {modeLabel, modeRow}) {
            node.setVisible(choice);
            node.setManaged(choice);
        }
        manager.setItems(FXCollections.observableArrayList(step.managers()));
        manager.setConverter(new StringConverter<>() {
            @Override
            public String toString(PackageManagers.Manager value) {
                return value == null ? "" : value.id();
            }

            @Override
            public PackageManagers.Manager fromString(String text) {
                return null;
            }
        });
        manager.valueProperty().bindBidirectional(step.managerProperty());
        BooleanBinding withManager = step.modeProperty().isEqualTo(InstallStep.Mode.PACKAGE_MANAGER);
        manager.visibleProperty().bind(withManager);
        manager.managedProperty().bind(withManager);
        rootCommands.textProperty().bind(Bindings.createStringBinding(() -> step.rootCommands().orElse(""),
                step.managerProperty()));
        BooleanBinding asRoot = withManager.and(rootCommands.textProperty().isNotEmpty());
        rootBox.visibleProperty().bind(asRoot);
        rootBox.managedProperty().bind(asRoot);
        mode.disableProperty().bind(step.installingProperty());
        manager.disableProperty().bind(step.installingProperty());
        mode.valueProperty().addListener((obs, old, chosen) -> wizard.saveState());
        version.textProperty().bindBidirectional(step.versionProperty());
        mirror.textProperty().bindBidirectional(step.mirrorProperty());
        version.disableProperty().bind(step.installingProperty().or(withManager));
        mirror.disableProperty().bind(step.installingProperty().or(withManager));
        installButton.disableProperty().bind(step.installingProperty().or(wizard.busyProperty()));
        cancelButton.visibleProperty().bind(step.installingProperty());
        cancelButton.managedProperty().bind(step.installingProperty());
        progressRow.visibleProperty().bind(step.installingProperty().or(step.progressProperty().isEqualTo(1.0, 1e-9)));
        progress.progressProperty().bind(step.progressProperty());
        progressText.textProperty().bind(step.progressTextProperty());
        log.setItems(step.log());
        // An empty log box says nothing: shown once an install (or a look for Alloy) wrote a line.
        log.visibleProperty().bind(Bindings.isNotEmpty(step.log()));
        log.managedProperty().bind(log.visibleProperty());
        version.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                wizard.saveState();
            }
        });
        mirror.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                wizard.saveState();
            }
        });
    }

    private String modeName(InstallStep.Mode value) {
        switch (value) {
            case SERVICE:
                return l10n.get("wizard.install.mode.service");
            case PACKAGE_MANAGER:
                return l10n.get("wizard.install.mode.packageManager");
            default:
                return l10n.get("wizard.install.mode.perUser");
        }
    }

    @FXML
    private void install() {
        wizard.saveState();
        step.install();
    }

    @FXML
    private void cancel() {
        step.cancel();
    }
}
