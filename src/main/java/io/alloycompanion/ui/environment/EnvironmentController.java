package io.alloycompanion.ui.environment;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The Environment screen: the doctor's report, re-run on demand, copyable as JSON for bug reports. */
public final class EnvironmentController {

    private final EnvironmentViewModel model;

    @FXML private ListView<EnvironmentRow> rows;
    @FXML private ProgressBar progress;
    @FXML private Label status;
    @FXML private Button refreshButton;
    @FXML private Button cancelButton;
    @FXML private Button copyButton;

    public EnvironmentController(EnvironmentViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        rows.setItems(model.rows());
        rows.setCellFactory(list -> new EnvironmentRowCell());
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty());
        cancelButton.visibleProperty().bind(model.busyProperty());
        cancelButton.managedProperty().bind(model.busyProperty());
        refreshButton.disableProperty().bind(model.busyProperty());
        copyButton.disableProperty().bind(model.reportProperty().isNull());
        status.textProperty().bind(model.statusProperty());
        if (model.reportProperty().get() == null) {
            model.refresh();
        }
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void copyJson() {
        model.reportJson().ifPresent(json -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(json);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }
}
