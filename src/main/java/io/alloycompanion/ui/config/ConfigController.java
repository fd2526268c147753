package io.alloycompanion.ui.config;

import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** The config editor: highlighting, problems as you type (debounced), Format, and Save with a diff to confirm. */
public final class ConfigController implements DisposableController {

    private final ConfigViewModel model;
    private final Localization l10n;
    private final CodeArea editor = new CodeArea();
    private final PauseTransition highlightLater = new PauseTransition(Duration.millis(120));
    private final PauseTransition validateLater = new PauseTransition(Duration.millis(350));
    private final Timeline diskCheck = new Timeline(new KeyFrame(Duration.seconds(2), event -> checkDisk()));
    private Subscription subscriptions = Subscription.EMPTY;
    private boolean updatingEditor;

    @FXML private StackPane editorPane;
    @FXML private Label fileLabel;
    @FXML private Label dirtyMark;
    @FXML private HBox externalChangeBanner;
    @FXML private ListView<Diagnostic> problems;
    @FXML private Label status;
    @FXML private Button saveButton;
    @FXML private Button formatButton;

    public ConfigController(ConfigViewModel model, Localization l10n) {
        this.model = model;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        editor.getStyleClass().add("config-editor");
        editor.setId("config-editor");
        editorPane.getChildren().setAll(new VirtualizedScrollPane<>(editor));
        updateGutter();

        subscriptions = subscriptions.and(model.textProperty().subscribe(this::showText));
        editor.textProperty().addListener((obs, old, text) -> {
            if (!updatingEditor) {
                model.textProperty().set(text);
            }
            highlightLater.playFromStart();
            validateLater.playFromStart();
        });
        highlightLater.setOnFinished(event -> highlight());
        validateLater.setOnFinished(event -> model.validate());

        problems.setItems(model.problems());
        problems.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Diagnostic item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add(item.severity() == Diagnostic.Severity.ERROR ? "problem-error" : "problem-warning");
                setText(l10n.get(item.severity() == Diagnostic.Severity.ERROR ? "config.problem.error" : "config.problem.warning",
                        item.start().line(), item.start().column(), DiagnosticTexts.message(item, l10n))
                        + DiagnosticTexts.fix(item, l10n).map(fix -> "  → " + fix).orElse(""));
            }
        });
        problems.setOnMouseClicked(event -> jumpToSelected());
        problems.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                jumpToSelected();
            }
        });
        ListChangeListener<Diagnostic> onProblems = change -> {
            updateGutter();
            highlight();
        };
        model.problems().addListener(onProblems);
        subscriptions = subscriptions.and(() -> model.problems().removeListener(onProblems));

        subscriptions = subscriptions.and(model.fileProperty().subscribe(path -> fileLabel.setText(path == null ? "" : path.toString())));
        dirtyMark.visibleProperty().bind(model.dirtyProperty());
        externalChangeBanner.visibleProperty().bind(model.externalChangeProperty());
        externalChangeBanner.managedProperty().bind(model.externalChangeProperty());
        status.textProperty().bind(model.statusProperty());
        saveButton.disableProperty().bind(model.busyProperty());
        subscriptions = subscriptions.and(model.pendingDiffProperty().subscribe(diff -> {
            if (diff != null) {
                showDiff(diff);
            }
        }));

        diskCheck.setCycleCount(Timeline.INDEFINITE);
        diskCheck.play();
        model.loadIfNeeded();
    }

    /** Puts text from the model (a file opened, a format) into the editor, keeping the caret's line when it can. */
    private void showText(String text) {
        if (text.equals(editor.getText())) {
            return;
        }
        boolean fresh = editor.getText().isEmpty();
        int paragraph = editor.getCurrentParagraph();
        updatingEditor = true;
        editor.replaceText(text);
        updatingEditor = false;
        if (fresh) {
            editor.moveTo(0);
            editor.showParagraphAtTop(0);
        } else {
            editor.moveTo(Math.min(paragraph, editor.getParagraphs().size() - 1), 0);
            editor.requestFollowCaret();
        }
        highlight();
    }

    @Override
    public void dispose() {
        subscriptions.unsubscribe();
        diskCheck.stop();
        highlightLater.stop();
        validateLater.stop();
    }

    private void checkDisk() {
        if (editor.getScene() != null) {
            model.checkDisk();
        }
    }

    private void highlight() {
        String text = editor.getText();
        if (!text.isEmpty()) {
            editor.setStyleSpans(0, SyntaxHighlighting.compute(text, List.copyOf(model.problems())));
        }
    }

    private void updateGutter() {
        Map<Integer, Diagnostic> byLine = new HashMap<>();
        for (Diagnostic problem : model.problems()) {
            byLine.merge(problem.start().line() - 1, problem,
                    (a, b) -> a.severity() == Diagnostic.Severity.ERROR ? a : b);
        }
        var numbers = LineNumberFactory.get(editor);
        editor.setParagraphGraphicFactory(line -> {
            Node number = numbers.apply(line);
            Label marker = new Label();
            marker.setMinWidth(14);
            marker.setAlignment(Pos.CENTER);
            Diagnostic problem = byLine.get(line);
            if (problem != null) {
                marker.setText("●");
                marker.getStyleClass().add(problem.severity() == Diagnostic.Severity.ERROR ? "marker-error" : "marker-warning");
                marker.setTooltip(new Tooltip(DiagnosticTexts.message(problem, l10n)));
            }
            HBox gutter = new HBox(marker, number);
            gutter.setAlignment(Pos.CENTER_LEFT);
            return gutter;
        });
    }

    private void jumpToSelected() {
        Diagnostic selected = problems.getSelectionModel().getSelectedItem();
        if (selected != null) {
            editor.moveTo(Math.min(selected.start().offset(), editor.getLength()));
            editor.requestFollowCaret();
            editor.requestFocus();
        }
    }

    private void showDiff(List<String> diff) {
        Alert dialog = new Alert(Alert.AlertType.CONFIRMATION);
        dialog.initOwner(editor.getScene().getWindow());
        dialog.setTitle(l10n.get("config.diffTitle"));
        dialog.setHeaderText(l10n.get("config.diffHeader", model.fileProperty().get()));
        TextArea area = new TextArea(String.join("\n", diff));
        area.setEditable(false);
        area.getStyleClass().add("diff-view");
        area.setPrefRowCount(18);
        area.setPrefColumnCount(90);
        dialog.getDialogPane().setContent(area);
        ButtonType save = new ButtonType(l10n.get("config.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getButtonTypes().setAll(ButtonType.CANCEL, save);
        dialog.showAndWait().filter(save::equals).ifPresentOrElse(button -> model.confirmSave(), model::cancelSave);
    }

    private boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) {
            return true;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, l10n.get("config.discardText"), ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(editor.getScene().getWindow());
        confirm.setHeaderText(l10n.get("config.discardHeader"));
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @FXML
    private void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.get("config.open"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Alloy (*.alloy)", "*.alloy"),
                new FileChooser.ExtensionFilter("*", "*"));
        Path current = model.fileProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File chosen = chooser.showOpenDialog(editor.getScene().getWindow());
        if (chosen != null) {
            model.open(chosen.toPath());
        }
    }

    @FXML
    private void format() {
        model.format();
    }

    @FXML
    private void save() {
        model.requestSave();
    }

    @FXML
    private void reload() {
        if (confirmDiscard()) {
            model.reloadFromDisk();
        }
    }
}
