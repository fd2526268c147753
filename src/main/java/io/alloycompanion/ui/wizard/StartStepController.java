package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentStatus;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.util.Duration;

/** The Start step: the agent's state, its message, Start/Stop, and its newest log lines as they arrive. */
public final class StartStepController implements DisposableController {

    /** Lines shown; the Logs screen has them all. */
    static final int SHOWN = 200;

    private final StartStep step;
    private final Localization l10n;
    private final Timeline ticker = new Timeline();
    private final ChangeListener<AgentStatus> statusListener = (obs, old, now) -> show(now);
    private long lastSeq = -1;

    @FXML private Label state;
    @FXML private Label message;
    @FXML private Label watching;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private ListView<String> lines;

    public StartStepController(StartStep step, Localization l10n) {
        this.step = step;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(step.agent().messageProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        startButton.disableProperty().bind(step.agent().busyProperty());
        step.agent().statusProperty().addListener(statusListener);
        show(step.agent().statusProperty().get());
        lines.setPlaceholder(new Label(l10n.get("wizard.start.noLines")));
        ticker.getKeyFrames().add(new KeyFrame(Duration.millis(250), event -> refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        refresh();
    }

    @Override
    public void dispose() {
        ticker.stop();
        step.agent().statusProperty().removeListener(statusListener);
    }

    private void show(AgentStatus status) {
        state.setText(step.agent().stateText(status.state()) + (status.attached() ? " · " + l10n.get("agent.attached") : ""));
        state.getStyleClass().removeIf(style -> style.startsWith("agent-state-"));
        state.getStyleClass().add("agent-state-" + status.state().name().toLowerCase());
        watching.setVisible(status.attached());
        watching.setManaged(status.attached());
        boolean running = status.running();
        startButton.setVisible(!running && status.state() != AgentState.STOPPING);
        startButton.setManaged(startButton.isVisible());
        stopButton.setVisible(running);
        stopButton.setManaged(running);
    }

    /** Takes the newest lines when there are new ones, and keeps the last one in view. */
    private void refresh() {
        if (lines.getScene() == null || step.logs().written() == lastSeq) {
            return;
        }
        lastSeq = step.logs().written();
        // The agent's own lines: the local stack's containers write to the same session log.
        List<String> text = step.logs().tail(SHOWN * 4).stream()
                .filter(record -> record.source() != io.alloycompanion.core.agent.LogSource.CONTAINER)
                .map(StartStepController::line).toList();
        text = text.subList(Math.max(0, text.size() - SHOWN), text.size());
        lines.getItems().setAll(text);
        lines.scrollTo(text.size() - 1);
    }

    static String line(LogRecord record) {
        String time = record.time().length() >= 19 ? record.time().substring(11, 19) : record.time();
        return time + "  " + String.format("%-5s", record.level().name()) + "  "
                + (record.component().isEmpty() ? "" : record.component() + ": ") + record.message();
    }

    @FXML
    private void start() {
        step.agent().start();
    }

    @FXML
    private void stop() {
        step.agent().stop();
    }
}
