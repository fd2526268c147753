package io.alloycompanion.ui.checklist;

import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.ChecklistReport;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/** The Checklist screen: each item with its state, what was seen, and the button that fixes it. */
public final class ChecklistController implements DisposableController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** How often the list is checked again while it shows. */
    static final Duration PERIOD = Duration.seconds(30);

    private final ChecklistViewModel model;
    private final Localization l10n;
    private final Runnable saveFrontend;
    private final Timeline ticker = new Timeline();

    @FXML private Button runButton;
    @FXML private Button telemetryButton;
    @FXML private Label telemetryResult;
    @FXML private Label dashboardResult;
    @FXML private ProgressIndicator progress;
    @FXML private Label summary;
    @FXML private MenuButton export;
    @FXML private TextField frontend;
    @FXML private Label checkedAt;
    @FXML private ListView<ChecklistViewModel.Row> items;

    /** @param saveFrontend stores the front-end URL the user typed (the model's property holds it) */
    public ChecklistController(ChecklistViewModel model, Localization l10n, Runnable saveFrontend) {
        this.model = model;
        this.l10n = l10n;
        this.saveFrontend = saveFrontend;
    }

    @FXML
    private void initialize() {
        items.setItems(model.rows());
        items.setCellFactory(list -> new RowCell());
        items.setPlaceholder(new Label(l10n.get("checklist.empty")));
        progress.visibleProperty().bind(model.runningProperty().or(model.sendingProperty()).or(model.importingProperty()));
        telemetryButton.disableProperty().bind(model.sendingProperty());
        telemetryResult.textProperty().bind(model.telemetryResultProperty());
        telemetryResult.managedProperty().bind(model.telemetryResultProperty().isNotEmpty());
        telemetryResult.visibleProperty().bind(model.telemetryResultProperty().isNotEmpty());
        dashboardResult.textProperty().bind(model.dashboardResultProperty());
        dashboardResult.managedProperty().bind(model.dashboardResultProperty().isNotEmpty());
        dashboardResult.visibleProperty().bind(model.dashboardResultProperty().isNotEmpty());
        runButton.disableProperty().bind(model.runningProperty());
        summary.textProperty().bind(model.summaryProperty());
        checkedAt.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.checkedAtProperty().get()
                .map(at -> l10n.get("checklist.checkedAt", TIME.format(at))).orElse(""), model.checkedAtProperty()));
        frontend.textProperty().bindBidirectional(model.frontendUrlProperty());
        frontend.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                saveFrontend.run();
            }
        });
        frontend.setOnAction(event -> {
            saveFrontend.run();
            model.run();
        });
        ticker.getKeyFrames().add(new KeyFrame(PERIOD, event -> {
            if (items.getScene() != null && items.getScene().getWindow() != null && items.getScene().getWindow().isShowing()
                    && items.isVisible()) {
                model.run();
            }
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        if (!model.hasResults()) {
            model.runIfIdle();
        }
    }

    @Override
    public void dispose() {
        ticker.stop();
    }

    @FXML
    private void run() {
        saveFrontend.run();
        model.run();
    }

    @FXML
    private void sendTelemetry() {
        model.sendTestTelemetry();
    }

    @FXML
    private void exportMarkdown() {
        save("checklist.md", "Markdown", "*.md", model::markdown);
    }

    @FXML
    private void exportJson() {
        save("checklist.json", "JSON", "*.json", model::json);
    }

    private void save(String name, String kind, String pattern, Supplier<String> content) {
        if (!model.hasResults()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File file = chooser.showSaveDialog(items.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), content.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, l10n.get("checklist.export.failed", file, e.getMessage()));
            alert.initOwner(items.getScene().getWindow());
            alert.showAndWait();
        }
    }

    /** A check: its badge, title, what was seen, the evidence, and the fix. */
    private final class RowCell extends ListCell<ChecklistViewModel.Row> {
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label text = new Label();
        private final Label evidence = new Label();
        private final Button fix = new Button();
        private final HBox box;

        RowCell() {
            badge.getStyleClass().add("check-badge");
            badge.setMinWidth(28);
            title.getStyleClass().add("check-title");
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            evidence.setWrapText(true);
            evidence.setMinHeight(Region.USE_PREF_SIZE);
            fix.setMinWidth(Region.USE_PREF_SIZE);
            evidence.getStyleClass().addAll("text-muted", "check-evidence");
            VBox body = new VBox(2, title, text, evidence);
            body.setMinWidth(0);
            body.setPrefWidth(1);
            HBox.setHgrow(body, Priority.ALWAYS);
            box = new HBox(10, badge, body, fix);
            box.setFillHeight(false);
            getStyleClass().add("check-row");
            // A cell as wide as the list, so long texts wrap instead of widening the list.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ChecklistViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            badge.getStyleClass().removeIf(style -> style.startsWith("check-"));
            badge.getStyleClass().add("check-badge");
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            title.setText(row.title());
            CheckStatus status = row.result().map(CheckResult::status).orElse(null);
            badge.setText(row.checking() && status == null ? "…" : status == null ? "" : ChecklistReport.symbol(status));
            badge.getStyleClass().add(status == null ? "check-pending" : "check-" + status.id());
            badge.setOpacity(row.checking() ? 0.5 : 1);
            badge.setAccessibleText(status == null ? l10n.get("checklist.checking") : model.statusText(status));
            text.setText(row.result().map(result -> model.render(result.summary())).orElse(l10n.get("checklist.checking")));
            String lines = row.result().map(result -> String.join("\n", result.evidence().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue()).toList())).orElse("");
            evidence.setText(lines);
            evidence.setVisible(!lines.isEmpty());
            evidence.setManaged(!lines.isEmpty());
            boolean showFix = !row.checking() && row.result().flatMap(CheckResult::fix).filter(model::offers).isPresent()
                    && row.result().get().status() != CheckStatus.PASS;
            fix.setVisible(showFix);
            fix.setManaged(showFix);
            if (showFix) {
                var action = row.result().get().fix().get();
                fix.setText(model.fixText(action));
                fix.setOnAction(event -> model.fix(action));
                fix.setId("checklist-fix-" + row.id());
            }
            setText(null);
            setGraphic(box);
        }
    }
}
