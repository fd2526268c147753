package io.alloycompanion.ui.logs;

import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polyline;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/**
 * The Logs screen: pulls the session's log buffer ten times a second (one batch per pull, never one event per line),
 * shows it in a virtualized table with filters, a detail pane, a lines-per-second sparkline and a status line.
 */
public final class LogsController implements DisposableController {

    /** How often the screen takes what the buffer has: often enough to feel live, rare enough to batch a flood. */
    static final Duration PULL_INTERVAL = Duration.millis(100);
    private static final Map<LogLevel, PseudoClass> LEVEL_CLASSES = new EnumMap<>(LogLevel.class);

    static {
        for (LogLevel level : LogLevel.values()) {
            LEVEL_CLASSES.put(level, PseudoClass.getPseudoClass(level.id()));
        }
    }

    private final LogsViewModel model;
    private final Localization l10n;
    private final Map<LogLevel, String> levelNames = new EnumMap<>(LogLevel.class);
    private final Timeline pulse = new Timeline(new KeyFrame(PULL_INTERVAL, event -> pull()));
    private final List<Runnable> unbind = new ArrayList<>();
    private Subscription subscriptions = Subscription.EMPTY;

    @FXML private Pane sparkline;
    @FXML private Polyline sparklineLine;
    @FXML private Label rateLabel;
    @FXML private ToggleButton errorToggle;
    @FXML private ToggleButton warnToggle;
    @FXML private ToggleButton infoToggle;
    @FXML private ToggleButton debugToggle;
    @FXML private ToggleButton otherToggle;
    @FXML private ComboBox<String> componentChoice;
    @FXML private TextField searchField;
    @FXML private ToggleButton regexToggle;
    @FXML private Label searchError;
    @FXML private ToggleButton followToggle;
    @FXML private Button copyButton;
    @FXML private MenuButton exportButton;
    @FXML private TableView<LogRecord> table;
    @FXML private TableColumn<LogRecord, LogRecord> timeColumn;
    @FXML private TableColumn<LogRecord, LogRecord> levelColumn;
    @FXML private TableColumn<LogRecord, LogRecord> componentColumn;
    @FXML private TableColumn<LogRecord, LogRecord> messageColumn;
    @FXML private TextArea detailFields;
    @FXML private TextArea detailRaw;
    @FXML private Label statusLabel;
    @FXML private Label messageLabel;

    public LogsController(LogsViewModel model, Localization l10n) {
        this.model = model;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        levelNames.put(LogLevel.ERROR, l10n.get("logs.level.error"));
        levelNames.put(LogLevel.WARN, l10n.get("logs.level.warn"));
        levelNames.put(LogLevel.INFO, l10n.get("logs.level.info"));
        levelNames.put(LogLevel.DEBUG, l10n.get("logs.level.debug"));
        levelNames.put(LogLevel.UNKNOWN, l10n.get("logs.level.other"));
        bindLevel(errorToggle, LogLevel.ERROR);
        bindLevel(warnToggle, LogLevel.WARN);
        bindLevel(infoToggle, LogLevel.INFO);
        bindLevel(debugToggle, LogLevel.DEBUG);
        bindLevel(otherToggle, LogLevel.UNKNOWN);

        componentChoice.setItems(model.components());
        componentChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String component) {
                return component == null || component.isEmpty() ? l10n.get("logs.component.all") : component;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        bindBidirectional(componentChoice.valueProperty(), model.componentProperty());
        bindBidirectional(searchField.textProperty(), model.searchProperty());
        bindBidirectional(regexToggle.selectedProperty(), model.regexProperty());
        searchError.textProperty().bind(model.searchErrorProperty());
        searchError.visibleProperty().bind(model.searchErrorProperty().isNotEmpty());
        searchError.managedProperty().bind(searchError.visibleProperty());

        bindBidirectional(followToggle.selectedProperty(), model.followProperty());
        followToggle.textProperty().bind(Bindings.createStringBinding(() -> model.followProperty().get()
                        ? l10n.get("logs.follow") : l10n.get("logs.paused", model.newWhilePausedProperty().get()),
                model.followProperty(), model.newWhilePausedProperty()));
        subscriptions = subscriptions.and(model.followProperty().subscribe(on -> {
            if (on) {
                scrollToEnd();
            }
        }));

        setUpTable();
        copyButton.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        exportButton.disableProperty().bind(model.exportingProperty().or(Bindings.isEmpty(model.shown())));

        rateLabel.textProperty().bind(model.rateText());
        subscriptions = subscriptions.and(model.rateHistoryProperty().subscribe(this::drawSparkline));
        sparkline.accessibleTextProperty().bind(Bindings.concat(l10n.get("logs.sparkline"), ": ", model.rateText()));
        statusLabel.textProperty().bind(model.statusText());
        messageLabel.textProperty().bind(model.messageProperty());
        subscriptions = subscriptions.and(model.messageIsErrorProperty().subscribe(error -> {
            messageLabel.getStyleClass().remove("error-text");
            if (error) {
                messageLabel.getStyleClass().add("error-text");
            }
        }));

        pulse.setCycleCount(Timeline.INDEFINITE);
        pulse.play();
        pull();
    }

    private void bindLevel(ToggleButton toggle, LogLevel level) {
        bindBidirectional(toggle.selectedProperty(), model.levelShownProperty(level));
        toggle.textProperty().bind(Bindings.createStringBinding(
                () -> l10n.get("logs.level.count", levelNames.get(level), model.countProperty(level).get()),
                model.countProperty(level)));
        toggle.pseudoClassStateChanged(LEVEL_CLASSES.get(level), true);
    }

    private <T> void bindBidirectional(javafx.beans.property.Property<T> control, javafx.beans.property.Property<T> value) {
        control.bindBidirectional(value);
        unbind.add(() -> control.unbindBidirectional(value));
    }

    private void setUpTable() {
        table.setItems(model.shown());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("logs-empty");
        placeholder.setId("logs-empty");
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.writtenProperty().get() == 0
                ? l10n.get("logs.empty") : l10n.get("logs.noMatch"), model.writtenProperty()));
        table.setPlaceholder(placeholder);

        timeColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        levelColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        componentColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        messageColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        timeColumn.setCellFactory(column -> new TextCell(model::localTime));
        componentColumn.setCellFactory(column -> new TextCell(LogRecord::component));
        messageColumn.setCellFactory(column -> new TextCell(model::messageText));
        levelColumn.setCellFactory(column -> new LevelCell());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        table.setRowFactory(view -> {
            TableRow<LogRecord> row = new TableRow<>();
            // Reading a line means staying on it: a click on a line stops following the newest one.
            row.setOnMousePressed(event -> {
                if (!row.isEmpty()) {
                    model.followProperty().set(false);
                }
            });
            return row;
        });
        table.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (event.getDeltaY() > 0) {
                model.followProperty().set(false);
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.isShortcutDown() && event.getCode() == KeyCode.C) {
                copy();
                event.consume();
            }
        });
        subscriptions = subscriptions.and(table.getSelectionModel().selectedItemProperty().subscribe(this::showDetail));
    }

    private void showDetail(LogRecord record) {
        if (record == null) {
            detailFields.clear();
            detailRaw.clear();
            return;
        }
        detailFields.setText(model.detailText(record));
        detailRaw.setText(record.raw());
    }

    @Override
    public void dispose() {
        pulse.stop();
        subscriptions.unsubscribe();
        unbind.forEach(Runnable::run);
        unbind.clear();
    }

    /** One pull: the new lines in one batch, then the view kept at the end (following) or on the line read (paused). */
    private void pull() {
        if (table.getScene() == null) {
            return; // another screen is shown; the next visit catches up in one batch
        }
        boolean following = model.followProperty().get();
        LogRecord anchor = following ? null : firstVisible();
        LogsViewModel.Pulled pulled = model.pull();
        if (!pulled.changed()) {
            return;
        }
        if (following) {
            scrollToEnd();
        } else if (anchor != null && pulled.removed() > 0) {
            keepAtTop(anchor);
        }
    }

    private LogRecord firstVisible() {
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> cell = flow.getFirstVisibleCell();
            if (cell != null && cell.getItem() instanceof LogRecord record) {
                return record;
            }
        }
        return null;
    }

    /** Puts the line that was at the top back at the top after lines were dropped above it (or the oldest one). */
    private void keepAtTop(LogRecord anchor) {
        List<LogRecord> shown = model.shown();
        int at = java.util.Collections.binarySearch(shown, anchor, Comparator.comparingLong(LogRecord::seq));
        table.scrollTo(Math.max(0, at));
    }

    private void scrollToEnd() {
        int size = model.shown().size();
        if (size > 0) {
            table.scrollTo(size - 1);
        }
    }

    /** The last minute's lines per second as a line over the sparkline's width, the newest second at the right. */
    private void drawSparkline(List<Long> history) {
        double width = sparkline.getPrefWidth();
        double height = sparkline.getPrefHeight();
        List<Double> points = new ArrayList<>(history.size() * 2);
        long max = Math.max(1, history.stream().mapToLong(Long::longValue).max().orElse(1));
        double step = width / (LogsViewModel.HISTORY_SECONDS - 1);
        double x0 = width - step * (history.size() - 1);
        for (int i = 0; i < history.size(); i++) {
            points.add(x0 + i * step);
            points.add(height - 2 - (height - 4) * history.get(i) / max);
        }
        sparklineLine.getPoints().setAll(points);
    }

    @FXML
    private void copy() {
        List<LogRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(model.copyText(selected));
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void exportLog() {
        export(LogsViewModel.ExportFormat.LOG);
    }

    @FXML
    private void exportJsonl() {
        export(LogsViewModel.ExportFormat.JSONL);
    }

    private void export(LogsViewModel.ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.get("logs.export.title"));
        chooser.setInitialFileName("alloy-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("*." + format.extension(), "*." + format.extension()));
        File chosen = chooser.showSaveDialog(table.getScene().getWindow());
        if (chosen != null) {
            model.export(chosen.toPath(), format);
        }
    }

    /** A cell that shows one text of the record. */
    private static final class TextCell extends TableCell<LogRecord, LogRecord> {
        private final java.util.function.Function<LogRecord, String> text;

        TextCell(java.util.function.Function<LogRecord, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(LogRecord item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text.apply(item));
        }
    }

    /** The level as a coloured badge; the colour comes from a pseudo-class, so a reused cell does not re-style. */
    private final class LevelCell extends TableCell<LogRecord, LogRecord> {
        private final Label badge = new Label();
        private LogLevel shownLevel;

        LevelCell() {
            badge.getStyleClass().add("log-level");
            setText(null);
        }

        @Override
        protected void updateItem(LogRecord item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            LogLevel level = item.level();
            if (level != shownLevel) {
                if (shownLevel != null) {
                    badge.pseudoClassStateChanged(LEVEL_CLASSES.get(shownLevel), false);
                }
                badge.pseudoClassStateChanged(LEVEL_CLASSES.get(level), true);
                badge.setText(levelNames.get(level));
                shownLevel = level;
            }
            setGraphic(badge);
        }
    }
}
