package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;

/** Binds the local stack's Sources step: the folder with Choose…, the OTLP port, the exporters and the retention. */
public final class StackSourcesStepController implements DisposableController {

    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final StackSourcesStep step;
    private final Localization l10n;
    private final List<Runnable> cleanup = new ArrayList<>();

    @FXML private Label folderLabel;
    @FXML private TextField folder;
    @FXML private Button chooseButton;
    @FXML private Label folderState;
    @FXML private Label otlpLabel;
    @FXML private TextField otlpPort;
    @FXML private Label otlpPortError;
    @FXML private Label otlpHint;
    @FXML private CheckBox mysql;
    @FXML private CheckBox redis;
    @FXML private Label exportersHint;
    @FXML private Label retentionLabel;
    @FXML private TextField retention;
    @FXML private Label retentionError;
    @FXML private Label problem;
    @FXML private Label targetsLabel;
    @FXML private javafx.scene.control.TextArea targets;
    @FXML private Label targetsError;
    @FXML private Label logFilesLabel;
    @FXML private javafx.scene.control.TextArea logFiles;
    @FXML private Label logFilesError;
    @FXML private javafx.scene.layout.VBox cloudBox;
    @FXML private Label cloudSummary;
    @FXML private Label cloudError;

    public StackSourcesStepController(StackSourcesStep step, Localization l10n) {
        this.step = step;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        folder.textProperty().bind(step.folderProperty());
        folderState.textProperty().bind(Bindings.createStringBinding(() -> l10n.get(step.initialisedProperty().get()
                ? "wizard.stackSources.existing" : "wizard.stackSources.new"), step.initialisedProperty()));
        folderLabel.setLabelFor(folder);
        otlpLabel.setLabelFor(otlpPort);
        retentionLabel.setLabelFor(retention);
        field(otlpPort, step.otlpPortProperty(), otlpPortError, step.otlpPortErrorProperty());
        field(retention, step.retentionDaysProperty(), retentionError, step.retentionErrorProperty());
        field(targets, step.targetsProperty(), targetsError, step.targetsErrorProperty());
        field(logFiles, step.logFilesProperty(), logFilesError, step.logFilesErrorProperty());
        targetsLabel.setLabelFor(targets);
        logFilesLabel.setLabelFor(logFiles);
        otlpHint.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("wizard.stackSources.otlpHint",
                step.otlpPortProperty().get().strip()), step.otlpPortProperty()));
        otlpHint.visibleProperty().bind(step.otlpPortErrorProperty().isEmpty());
        otlpHint.managedProperty().bind(otlpHint.visibleProperty());
        exportersHint.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("wizard.stackSources.exporters.hint",
                step.stack().settingsProperty().get().network()), step.stack().settingsProperty()));
        check(mysql, step.mysqlExporterProperty());
        check(redis, step.redisExporterProperty());
        cloudBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> step.sendToCloudProperty().get(), step.sendToCloudProperty()));
        cloudBox.managedProperty().bind(cloudBox.visibleProperty());
        cloudSummary.textProperty().bind(step.cloudSummaryProperty());
        cloudSummary.visibleProperty().bind(step.cloudSummaryProperty().isNotEmpty());
        cloudSummary.managedProperty().bind(cloudSummary.visibleProperty());
        cloudError.textProperty().bind(step.cloudErrorProperty());
        cloudError.visibleProperty().bind(step.cloudErrorProperty().isNotEmpty());
        cloudError.managedProperty().bind(cloudError.visibleProperty());
        problem.textProperty().bind(step.problemProperty());
        problem.visibleProperty().bind(step.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
    }

    private void check(CheckBox box, BooleanProperty value) {
        box.selectedProperty().bindBidirectional(value);
        cleanup.add(() -> box.selectedProperty().unbindBidirectional(value));
    }

    /** Binds a field both ways and shows its message under it; the field turns red while there is one. */
    private void field(javafx.scene.control.TextInputControl field, StringProperty value, Label message, ObservableStringValue error) {
        field.textProperty().bindBidirectional(value);
        message.textProperty().bind(error);
        message.visibleProperty().bind(Bindings.isNotEmpty(error));
        message.managedProperty().bind(message.visibleProperty());
        field.accessibleHelpProperty().bind(error);
        ChangeListener<String> mark = (obs, old, now) -> field.pseudoClassStateChanged(DANGER, !now.isEmpty());
        error.addListener(mark);
        field.pseudoClassStateChanged(DANGER, !error.get().isEmpty());
        cleanup.add(() -> {
            field.textProperty().unbindBidirectional(value);
            error.removeListener(mark);
        });
    }

    @FXML
    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(l10n.get("stack.chooseFolder"));
        File current = step.folder().toFile();
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        } else if (current.getParentFile() != null && current.getParentFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParentFile());
        }
        File picked = chooser.showDialog(chooseButton.getScene().getWindow());
        if (picked != null) {
            step.chooseFolder(picked.toPath());
        }
    }

    @Override
    public void dispose() {
        cleanup.forEach(Runnable::run);
        cleanup.clear();
    }
}
