package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;

/**
 * Shows the local stack's Review step: what happens on Next, one line per file of the stack folder, and the diff of
 * the file selected (the first one that changes, to begin with).
 */
public final class StackReviewStepController implements DisposableController {

    private final StackReviewStep step;
    private final Localization l10n;
    private final InvalidationListener restyle = obs -> styleStatus();
    private final ListChangeListener<StackReviewStep.FileRow> filesChanged = change -> selectFirstChange();

    @FXML private Label status;
    @FXML private ListView<StackReviewStep.FileRow> files;
    @FXML private Label diffTitle;
    @FXML private TextArea diff;

    public StackReviewStepController(StackReviewStep step, Localization l10n) {
        this.step = step;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        status.textProperty().bind(step.statusProperty());
        step.statusIsErrorProperty().addListener(restyle);
        styleStatus();
        files.setItems(step.files());
        files.setPlaceholder(new Label(l10n.get("wizard.stackReview.comparing")));
        files.setCellFactory(list -> new ListCell<>() {
            {
                // A merge or conflict line is longer than the list is wide: wrap it rather than cut its advice off.
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(StackReviewStep.FileRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("problem-warning");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                if (row.outcome() == StackFolder.Outcome.CONFLICT) {
                    getStyleClass().add("problem-warning");
                }
                setText(row.text());
            }
        });
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showDiff(row));
        step.files().addListener(filesChanged);
        selectFirstChange();
    }

    private void selectFirstChange() {
        StackReviewStep.FileRow first = step.files().stream().filter(row -> !row.diff().isEmpty()).findFirst()
                .orElse(step.files().isEmpty() ? null : step.files().get(0));
        if (first == null) {
            files.getSelectionModel().clearSelection();
            showDiff(null);
        } else {
            files.getSelectionModel().select(first);
        }
    }

    private void showDiff(StackReviewStep.FileRow row) {
        if (row == null) {
            diffTitle.setText("");
            diff.setText("");
            return;
        }
        diffTitle.setText(l10n.get("wizard.stackReview.diffOf", row.path()));
        diff.setText(row.diff().isEmpty() ? l10n.get("wizard.stackReview.noDiff") : row.diff());
    }

    private void styleStatus() {
        status.getStyleClass().removeAll("error-text", "row-title");
        status.getStyleClass().add(step.statusIsErrorProperty().get() ? "error-text" : "row-title");
    }

    @Override
    public void dispose() {
        step.statusIsErrorProperty().removeListener(restyle);
        step.files().removeListener(filesChanged);
    }
}
