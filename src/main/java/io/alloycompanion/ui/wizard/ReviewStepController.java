package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.DisposableController;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;

/**
 * Shows the Review step: what happens on Next, the diff against the file on disk (only when there is one and it
 * differs) and the generated config, read-only, and the validator's findings.
 */
public final class ReviewStepController implements DisposableController {

    private final ReviewStep step;
    private final List<Runnable> cleanup = new ArrayList<>();

    @FXML private Label status;
    @FXML private Label tokenNote;
    @FXML private TabPane tabs;
    @FXML private Tab diffTab;
    @FXML private Tab configTab;
    @FXML private TextArea diff;
    @FXML private TextArea config;
    @FXML private Label checksTitle;
    @FXML private Label checksOk;
    @FXML private ListView<ReviewStep.Problem> problems;

    public ReviewStepController(ReviewStep step) {
        this.step = step;
    }

    @FXML
    private void initialize() {
        status.textProperty().bind(step.statusProperty());
        InvalidationListener restyle = obs -> styleStatus();
        step.statusIsErrorProperty().addListener(restyle);
        step.unchangedProperty().addListener(restyle);
        cleanup.add(() -> {
            step.statusIsErrorProperty().removeListener(restyle);
            step.unchangedProperty().removeListener(restyle);
        });
        styleStatus();
        tokenNote.textProperty().bind(step.tokenNoteProperty());
        tokenNote.visibleProperty().bind(step.tokenNoteProperty().isNotEmpty());
        tokenNote.managedProperty().bind(tokenNote.visibleProperty());

        diff.textProperty().bind(step.diffProperty());
        config.textProperty().bind(step.generatedProperty());
        InvalidationListener arrange = obs -> arrangeTabs();
        step.existingProperty().addListener(arrange);
        step.unchangedProperty().addListener(arrange);
        step.readyProperty().addListener(arrange);
        cleanup.add(() -> {
            step.existingProperty().removeListener(arrange);
            step.unchangedProperty().removeListener(arrange);
            step.readyProperty().removeListener(arrange);
        });
        arrangeTabs();

        problems.setItems(step.problems());
        problems.setCellFactory(list -> new ProblemCell());
        var noProblems = Bindings.isEmpty(step.problems());
        problems.visibleProperty().bind(noProblems.not());
        problems.managedProperty().bind(problems.visibleProperty());
        checksOk.visibleProperty().bind(noProblems.and(step.readyProperty()));
        checksOk.managedProperty().bind(checksOk.visibleProperty());
        checksTitle.visibleProperty().bind(step.readyProperty());
        checksTitle.managedProperty().bind(checksTitle.visibleProperty());
    }

    @Override
    public void dispose() {
        cleanup.forEach(Runnable::run);
        cleanup.clear();
    }

    /** The diff comes first when there is one; a new or unchanged file shows only the config. */
    private void arrangeTabs() {
        boolean showDiff = step.existingProperty().get() && !step.unchangedProperty().get();
        if (showDiff && !tabs.getTabs().contains(diffTab)) {
            tabs.getTabs().add(0, diffTab);
        } else if (!showDiff) {
            tabs.getTabs().remove(diffTab);
        }
        tabs.getSelectionModel().select(showDiff ? diffTab : configTab);
    }

    private void styleStatus() {
        status.getStyleClass().removeAll("error-text", "success-banner", "row-title");
        if (step.statusIsErrorProperty().get()) {
            status.getStyleClass().add("error-text");
        } else {
            status.getStyleClass().add("row-title");
        }
    }

    private static final class ProblemCell extends ListCell<ReviewStep.Problem> {
        @Override
        protected void updateItem(ReviewStep.Problem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("problem-error", "problem-warning");
            if (empty || item == null) {
                setText(null);
                return;
            }
            getStyleClass().add(item.error() ? "problem-error" : "problem-warning");
            setText(item.text());
        }
    }
}
