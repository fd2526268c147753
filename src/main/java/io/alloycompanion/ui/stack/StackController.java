package io.alloycompanion.ui.stack;

import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Binds the Stack screen. While it is shown, logs are drained five times a second and the services' state is asked
 * every five seconds.
 */
public final class StackController implements DisposableController {

    private final StackViewModel model;
    private final Localization l10n;
    private final Consumer<String> links;
    private final Timeline logPulse = new Timeline(new KeyFrame(Duration.millis(200), event -> drain()));
    private final Timeline statusPulse;
    private final Map<StackService, TextField> images = new EnumMap<>(StackService.class);
    private final Map<StackService, TextField> ports = new EnumMap<>(StackService.class);
    private final ChangeListener<StackSettings> settingsListener = (obs, old, now) -> showSettings(now);

    @FXML private TextField folder;
    @FXML private Label engine;
    @FXML private Label cloud;
    @FXML private Button upButton;
    @FXML private Button downButton;
    @FXML private CheckBox removeData;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progress;
    @FXML private Label message;
    @FXML private TextArea problemLines;
    @FXML private TableView<StackViewModel.Row> services;
    @FXML private TableColumn<StackViewModel.Row, String> serviceColumn;
    @FXML private TableColumn<StackViewModel.Row, String> stateColumn;
    @FXML private TableColumn<StackViewModel.Row, ServiceStatus.Health> healthColumn;
    @FXML private TableColumn<StackViewModel.Row, String> portsColumn;
    @FXML private TableColumn<StackViewModel.Row, String> imageColumn;
    @FXML private TableColumn<StackViewModel.Row, Optional<String>> openColumn;
    @FXML private Label selected;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button restartButton;
    @FXML private TabPane tabs;
    @FXML private ComboBox<Optional<StackService>> logFilter;
    @FXML private ListView<StackViewModel.LogLine> logs;
    @FXML private Button validateButton;
    @FXML private ListView<CheckResult> validation;
    @FXML private GridPane settingsGrid;
    @FXML private TextField otlpPort;
    @FXML private Spinner<Integer> retention;
    @FXML private Spinner<Integer> healthTimeout;
    @FXML private CheckBox mysql;
    @FXML private CheckBox redis;
    @FXML private Button generateButton;
    @FXML private TextArea generated;

    public StackController(StackViewModel model, Localization l10n, Consumer<String> links) {
        this.model = model;
        this.l10n = l10n;
        this.links = links;
        this.statusPulse = new Timeline(new KeyFrame(Duration.seconds(5), event -> model.refresh()));
        logPulse.setCycleCount(Timeline.INDEFINITE);
        statusPulse.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        folder.textProperty().bind(model.folderProperty());
        engine.textProperty().bind(model.engineProperty());
        // A stack that also sends to Grafana Cloud says so, with the profile whose token its Alloy gets.
        cloud.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.settingsProperty().get().cloud()
                .map(forwarding -> l10n.get("stack.cloud", forwarding.profile())).orElse(""), model.settingsProperty(), l10n.localeProperty()));
        cloud.visibleProperty().bind(cloud.textProperty().isNotEmpty());
        cloud.managedProperty().bind(cloud.visibleProperty());
        message.textProperty().bind(model.messageProperty());
        problemLines.textProperty().bind(model.problemLinesProperty());
        problemLines.visibleProperty().bind(model.problemLinesProperty().isNotEmpty());
        problemLines.managedProperty().bind(problemLines.visibleProperty());
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty());
        cancelButton.visibleProperty().bind(model.cancellableProperty());
        cancelButton.managedProperty().bind(model.cancellableProperty());
        upButton.disableProperty().bind(model.busyProperty());
        // With every service running, the same action applies changed settings: it says so.
        javafx.beans.binding.BooleanBinding allRunning = Bindings.createBooleanBinding(() -> !model.rows().isEmpty()
                && model.rows().stream().allMatch(row -> row.state().equals("running")), model.rows());
        upButton.textProperty().bind(Bindings.createStringBinding(() -> l10n.get(allRunning.get() ? "stack.update" : "stack.up"),
                allRunning, l10n.localeProperty()));
        javafx.scene.control.Tooltip updateTip = new javafx.scene.control.Tooltip();
        updateTip.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("stack.update.tip"), l10n.localeProperty()));
        upButton.tooltipProperty().bind(Bindings.when(allRunning).then(updateTip).otherwise((javafx.scene.control.Tooltip) null));
        downButton.disableProperty().bind(model.busyProperty().or(model.initialisedProperty().not()));
        generateButton.disableProperty().bind(model.busyProperty());
        generated.textProperty().bind(model.generatedProperty());
        generated.visibleProperty().bind(model.generatedProperty().isNotEmpty());

        services.setItems(model.rows());
        ServiceColumns.bind(l10n, serviceColumn, stateColumn, healthColumn, portsColumn);
        imageColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().image()));
        openColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().url()));
        openColumn.setCellFactory(column -> new TableCell<>() {
            private final Hyperlink link = new Hyperlink(l10n.get("stack.open"));

            @Override
            protected void updateItem(Optional<String> url, boolean empty) {
                super.updateItem(url, empty);
                if (empty || url == null || url.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                link.setOnAction(event -> links.accept(url.get()));
                link.setAccessibleText(l10n.get("stack.openAccessible", url.get()));
                setGraphic(link);
            }
        });
        var selection = services.getSelectionModel().selectedItemProperty();
        selected.textProperty().bind(Bindings.createStringBinding(() -> selection.get() == null ? l10n.get("stack.selectService")
                : selection.get().service().id(), selection));
        startButton.disableProperty().bind(selection.isNull().or(model.busyProperty()));
        stopButton.disableProperty().bind(selection.isNull().or(model.busyProperty()));
        restartButton.disableProperty().bind(selection.isNull().or(model.busyProperty()));

        logFilter.getItems().add(Optional.empty());
        for (StackService service : StackService.values()) {
            logFilter.getItems().add(Optional.of(service));
        }
        logFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optional<StackService> value) {
                return value == null || value.isEmpty() ? l10n.get("stack.logs.all") : value.get().id();
            }

            @Override
            public Optional<StackService> fromString(String text) {
                return StackService.byId(text);
            }
        });
        logFilter.valueProperty().bindBidirectional(model.logFilterProperty());
        logs.setItems(model.logs());
        logs.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(StackViewModel.LogLine line, boolean empty) {
                super.updateItem(line, empty);
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(String.format("%-10s │ %s", line.service().id(), line.text()));
            }
        });

        validation.setItems(model.validation());
        validation.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(CheckResult result, boolean empty) {
                super.updateItem(result, empty);
                getStyleClass().removeAll("check-pass", "check-warn", "check-fail", "check-skipped");
                if (empty || result == null) {
                    setText(null);
                    return;
                }
                String status = result.status().name().toLowerCase(Locale.ROOT);
                setText(l10n.get("checklist.status." + status) + "  " + text(result.title()) + " — " + text(result.summary()));
                getStyleClass().add("check-" + status);
            }
        });
        validateButton.disableProperty().bind(model.validatingProperty().or(model.initialisedProperty().not()));

        for (StackService service : StackService.values()) {
            int row = service.ordinal() + 1;
            Label name = new Label(service.id());
            TextField image = new TextField();
            image.setId("stack-image-" + service.id());
            image.setAccessibleText(l10n.get("stack.imageOf", service.id()));
            TextField port = new TextField();
            port.setId("stack-port-" + service.id());
            port.setPrefColumnCount(6);
            port.setAccessibleText(l10n.get("stack.portOf", service.id()));
            settingsGrid.addRow(row, name, image, port);
            images.put(service, image);
            ports.put(service, port);
        }
        retention.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 3650, 7));
        healthTimeout.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(5, 3600, 90));
        showSettings(model.settingsProperty().get());
        model.settingsProperty().addListener(settingsListener);

        services.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                logPulse.stop();
                statusPulse.stop();
            } else {
                logPulse.play();
                statusPulse.play();
                model.refresh();
            }
        });
    }

    private String text(io.alloycompanion.core.checks.Text text) {
        return l10n.get(text.key(), text.args().toArray());
    }

    private void showSettings(StackSettings settings) {
        for (StackService service : StackService.values()) {
            images.get(service).setText(settings.image(service));
            ports.get(service).setText(String.valueOf(settings.hostPort(service)));
        }
        otlpPort.setText(String.valueOf(settings.otlpHttpHostPort()));
        retention.getValueFactory().setValue(settings.retentionDays());
        healthTimeout.getValueFactory().setValue(settings.healthTimeoutSeconds());
        mysql.setSelected(settings.mysqlExporter());
        redis.setSelected(settings.redisExporter());
    }

    private void drain() {
        boolean atEnd = logs.getItems().isEmpty() || isLastVisible();
        model.drainLogs();
        if (atEnd && !logs.getItems().isEmpty()) {
            logs.scrollTo(logs.getItems().size() - 1);
        }
    }

    private boolean isLastVisible() {
        var skin = logs.lookup(".virtual-flow");
        if (skin instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            var last = flow.getLastVisibleCell();
            return last == null || last.getIndex() >= logs.getItems().size() - 1;
        }
        return true;
    }

    @FXML
    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(l10n.get("stack.chooseFolder"));
        File current = new File(model.folderProperty().get());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        } else if (current.getParentFile() != null && current.getParentFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParentFile());
        }
        File picked = chooser.showDialog(folder.getScene().getWindow());
        if (picked != null) {
            model.chooseFolder(picked.toPath());
        }
    }

    @FXML
    private void up() {
        model.up(this::fromFields);
    }

    @FXML
    private void down() {
        model.down(removeData.isSelected());
        removeData.setSelected(false);
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void startService() {
        Optional.ofNullable(services.getSelectionModel().getSelectedItem()).ifPresent(row -> model.start(row.service()));
    }

    @FXML
    private void stopService() {
        Optional.ofNullable(services.getSelectionModel().getSelectedItem()).ifPresent(row -> model.stop(row.service()));
    }

    @FXML
    private void restartService() {
        Optional.ofNullable(services.getSelectionModel().getSelectedItem()).ifPresent(row -> model.restart(row.service()));
    }

    @FXML
    private void validate() {
        model.validate();
    }

    @FXML
    private void generate() {
        model.generate(this::fromFields);
    }

    /** The settings as the settings tab shows them; throws for a value Docker would refuse. */
    private StackSettings fromFields(StackSettings settings) {
        commit(retention);
        commit(healthTimeout);
        StackSettings next = settings;
        for (StackService service : StackService.values()) {
            next = next.withImage(service, images.get(service).getText())
                    .withHostPort(service, port(ports.get(service).getText(), service.id()));
        }
        return next.withOtlpHttpHostPort(port(otlpPort.getText(), "OTLP"))
                .withRetentionDays(retention.getValue())
                .withHealthTimeoutSeconds(healthTimeout.getValue())
                .withExporters(mysql.isSelected(), redis.isSelected());
    }

    /** Takes what was typed into a spinner; text that is not a number leaves its last value. */
    private static void commit(Spinner<Integer> spinner) {
        try {
            spinner.commitValue();
        } catch (RuntimeException e) {
            spinner.getEditor().setText(String.valueOf(spinner.getValue()));
        }
    }

    private static int port(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port for " + what + " must be a number, not \"" + text.strip() + "\"");
        }
    }

    @Override
    public void dispose() {
        logPulse.stop();
        statusPulse.stop();
        model.settingsProperty().removeListener(settingsListener);
        logFilter.valueProperty().unbindBidirectional(model.logFilterProperty());
    }
}
