package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.stack.ServiceColumns;
import io.alloycompanion.ui.stack.StackViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The local stack's Start step: the stack's message, each service's container state and health, what to do after a
 * failure with Try again, and the last lines of the service that failed.
 */
public final class StackStartStepController {

    private final StackStartStep step;
    private final WizardViewModel wizard;
    private final Localization l10n;

    @FXML private Label message;
    @FXML private TableView<StackViewModel.Row> services;
    @FXML private TableColumn<StackViewModel.Row, String> serviceColumn;
    @FXML private TableColumn<StackViewModel.Row, String> stateColumn;
    @FXML private TableColumn<StackViewModel.Row, ServiceStatus.Health> healthColumn;
    @FXML private TableColumn<StackViewModel.Row, String> portsColumn;
    @FXML private Label advice;
    @FXML private HBox retryRow;
    @FXML private Button retryButton;
    @FXML private VBox linesBox;
    @FXML private TextArea problemLines;

    public StackStartStepController(StackStartStep step, WizardViewModel wizard, Localization l10n) {
        this.step = step;
        this.wizard = wizard;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        StackViewModel stack = step.stack();
        message.textProperty().bind(stack.messageProperty());
        services.setItems(stack.rows());
        ServiceColumns.bind(l10n, serviceColumn, stateColumn, healthColumn, portsColumn);
        advice.textProperty().bind(step.adviceProperty());
        advice.visibleProperty().bind(step.adviceProperty().isNotEmpty());
        advice.managedProperty().bind(advice.visibleProperty());
        retryRow.visibleProperty().bind(step.adviceProperty().isNotEmpty());
        retryRow.managedProperty().bind(retryRow.visibleProperty());
        retryButton.disableProperty().bind(wizard.busyProperty());
        problemLines.textProperty().bind(stack.problemLinesProperty());
        linesBox.visibleProperty().bind(stack.problemLinesProperty().isNotEmpty());
        linesBox.managedProperty().bind(linesBox.visibleProperty());
    }

    @FXML
    private void retry() {
        wizard.rerunAction();
    }
}
