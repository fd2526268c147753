package io.alloycompanion.ui.agent;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentStatus;
import io.alloycompanion.core.agent.ComponentHealth;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Binds the Agent screen; refreshes uptime every second and the component grid every 3 s while it is shown. */
public final class AgentController implements DisposableController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AgentViewModel model;
    private final Localization l10n;
    private final Consumer<Insight.ConfigLocation> showInConfigScreen;
    private final Timeline ticker = new Timeline();
    private final ChangeListener<AgentStatus> statusListener = (obs, old, status) -> show(status);

    @FXML private Label state;
    @FXML private Label detail;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button restartButton;
    @FXML private Button reloadButton;
    @FXML private Button openButton;
    @FXML private Label message;
    @FXML private Hyperlink showInConfig;
    @FXML private Label version;
    @FXML private Label uptime;
    @FXML private Label config;
    @FXML private Label address;
    @FXML private VBox crashBox;
    @FXML private TextArea lastLines;
    @FXML private VBox insightBox;
    @FXML private ListView<Insight> insights;
    @FXML private TableView<ComponentHealth> components;
    @FXML private TableColumn<ComponentHealth, String> componentId;
    @FXML private TableColumn<ComponentHealth, ComponentHealth.State> componentState;
    @FXML private TableColumn<ComponentHealth, String> componentMessage;
    @FXML private TableColumn<ComponentHealth, String> componentUpdated;

    public AgentController(AgentViewModel model, Localization l10n, Consumer<Insight.ConfigLocation> showInConfigScreen) {
        this.model = model;
        this.l10n = l10n;
        this.showInConfigScreen = showInConfigScreen;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(model.messageProperty());
        version.textProperty().bind(model.versionProperty());
        showInConfig.visibleProperty().bind(model.problemLocationProperty().isNotEqualTo(Optional.empty()));
        showInConfig.managedProperty().bind(showInConfig.visibleProperty());
        insights.setItems(model.insights());
        insights.setCellFactory(list -> new ListCell<>() {
            // A label wrapped at the cell's inner width: the whole advice shows, as tall as it needs, with no sideways
            // scrolling. The cell asks for no width of its own, or the list sizes its rows to the longest line.
            private final Label text = new Label();

            {
                setPrefWidth(0);
                text.setWrapText(true);
                text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                text.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> getWidth()
                        - getPadding().getLeft() - getPadding().getRight(), widthProperty(), paddingProperty()));
                text.maxWidthProperty().bind(text.prefWidthProperty());
            }

            @Override
            protected void updateItem(Insight item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                text.setText(empty || item == null ? null : model.describe(item));
                setGraphic(empty || item == null ? null : text);
            }
        });
        insightBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.insights()));
        insightBox.managedProperty().bind(insightBox.visibleProperty());
        components.setItems(model.components());
        components.setPlaceholder(new Label(l10n.get("agent.noComponents")));
        componentId.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().id()));
        componentState.setCellValueFactory(row -> new javafx.beans.property.ReadOnlyObjectWrapper<>(row.getValue().state()));
        componentState.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ComponentHealth.State item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("health-healthy", "health-unhealthy", "health-unknown", "health-exited");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(model.healthText(item));
                getStyleClass().add("health-" + item.id());
            }
        });
        componentMessage.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().message()));
        componentMessage.setCellFactory(column -> new TableCell<>() {
            // A long message (a remote_write error) is cut in the column: the whole of it on hover, wrapped.
            private final Tooltip whole = new Tooltip();

            {
                whole.setWrapText(true);
                whole.setMaxWidth(600);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                whole.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : whole);
            }
        });
        componentUpdated.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().updated().map(TIME::format).orElse("")));
        startButton.disableProperty().bind(model.busyProperty());
        model.statusProperty().addListener(statusListener);
        show(model.statusProperty().get());
        ticker.getKeyFrames().add(new KeyFrame(Duration.seconds(1), event -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        model.refreshComponents();
        model.lookForRunningAlloy();
    }

    private long ticks;

    private void tick() {
        uptime.setText(model.uptime(Instant.now()));
        if (++ticks % 3 == 0 && components.getScene() != null && components.getScene().getWindow() != null
                && components.getScene().getWindow().isShowing() && components.isVisible()) {
            model.refreshComponents();
        }
    }

    private void show(AgentStatus status) {
        state.setText(model.stateText(status.state()) + (status.attached() ? " · " + l10n.get("agent.attached") : ""));
        state.getStyleClass().removeIf(style -> style.startsWith("agent-state-"));
        state.getStyleClass().add("agent-state-" + status.state().name().toLowerCase());
        detail.setText(model.detailText(status.detail()) + status.exitCode().filter(code -> status.state() == AgentState.CRASHED
                || status.state() == AgentState.STOPPED).map(code -> " " + l10n.get("agent.exitCode", code)).orElse(""));
        boolean running = status.running();
        startButton.setVisible(!running && status.state() != AgentState.STOPPING);
        startButton.setManaged(startButton.isVisible());
        stopButton.setDisable(!running && status.state() != AgentState.CRASHED && !status.attached());
        stopButton.setText(l10n.get(status.attached() ? "agent.stopWatching" : "agent.stop"));
        restartButton.setDisable(!running || status.attached());
        reloadButton.setDisable(!(status.state() == AgentState.READY || status.state() == AgentState.DEGRADED) || status.attached());
        openButton.setDisable(!running);
        config.setText(status.config().map(Path::toString).orElse("—"));
        address.setText("http://" + ListenAddress.forClients(status.listenAddress()) + "/");
        boolean crashed = status.state() == AgentState.CRASHED && !status.lastLines().isEmpty();
        crashBox.setVisible(crashed);
        crashBox.setManaged(crashed);
        lastLines.setText(String.join("\n", status.lastLines()));
        uptime.setText(model.uptime(Instant.now()));
    }

    @FXML
    private void start() {
        model.start();
    }

    @FXML
    private void stop() {
        model.stop();
    }

    @FXML
    private void restart() {
        model.restart();
    }

    @FXML
    private void reload() {
        model.reload();
    }

    @FXML
    private void openUi() {
        model.openAlloyUi();
    }

    @FXML
    private void showInConfig() {
        model.problemLocationProperty().get().ifPresent(showInConfigScreen);
    }

    @Override
    public void dispose() {
        ticker.stop();
        model.statusProperty().removeListener(statusListener);
    }
}
