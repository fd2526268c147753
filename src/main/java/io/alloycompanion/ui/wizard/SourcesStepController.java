package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Binds the Sources and endpoints step: one grid row per scrape target and one line per log file (rebuilt when rows
 * come and go), the fixed OTLP, front-end and endpoint fields, and each field's message right under it.
 */
public final class SourcesStepController implements DisposableController {

    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final SourcesStep step;
    private final WizardViewModel wizard;
    private final Localization l10n;
    private final List<Runnable> cleanup = new ArrayList<>();
    private final ListChangeListener<ScrapeTargetInput> targetsChanged = change -> buildTargets();
    private final ListChangeListener<LogFileInput> logsChanged = change -> buildLogFiles();
    private final ListChangeListener<String> notesChanged = change -> buildNotes();
    /** Unbind the dynamic rows' fields before they are rebuilt. */
    private final List<Runnable> targetCleanup = new ArrayList<>();
    private final List<Runnable> logCleanup = new ArrayList<>();

    @FXML private ScrollPane scroll;
    @FXML private VBox form;
    @FXML private GridPane targetGrid;
    @FXML private Button addTargetButton;
    @FXML private CheckBox otlpEnabled;
    @FXML private Label otlpLabel;
    @FXML private TextField otlpEndpoint;
    @FXML private Label otlpError;
    @FXML private Label otlpExposed;
    @FXML private Label receiverHint;
    @FXML private VBox logList;
    @FXML private Button addLogButton;
    @FXML private TextField frontendUrl;
    @FXML private Label frontendError;
    @FXML private Label endpointsTitle;
    @FXML private Label localStackNote;
    @FXML private VBox cloudBox;
    @FXML private Label profileNote;
    @FXML private Label tokenNote;
    @FXML private TextField metricsUrl;
    @FXML private Label metricsUrlError;
    @FXML private TextField metricsUsername;
    @FXML private Label metricsUsernameError;
    @FXML private Label metricsHint;
    @FXML private TextField logsUrl;
    @FXML private Label logsUrlError;
    @FXML private TextField logsUsername;
    @FXML private Label logsUsernameError;
    @FXML private Label logsHint;
    @FXML private TextField otlpUrl;
    @FXML private Label otlpUrlError;
    @FXML private TextField otlpUsername;
    @FXML private Label otlpUsernameError;
    @FXML private Label otlpHint;
    @FXML private VBox noteBox;
    @FXML private Label problem;

    public SourcesStepController(SourcesStep step, WizardViewModel wizard, Localization l10n) {
        this.step = step;
        this.wizard = wizard;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        otlpLabel.setLabelFor(otlpEndpoint);
        bindBoth(otlpEnabled.selectedProperty(), step.otlpEnabledProperty());
        // The address to give the app's SDK follows the field (0.0.0.0 is reached as 127.0.0.1).
        receiverHint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> l10n.get("wizard.sources.otlp.hint",
                "http://" + io.alloycompanion.core.agent.ListenAddress.forClients(step.otlpEndpointProperty().get().strip())),
                step.otlpEndpointProperty()));
        otlpEnabled.selectedProperty().addListener((obs, old, value) -> wizard.saveState());
        otlpEndpoint.disableProperty().bind(step.otlpEnabledProperty().not());
        otlpLabel.disableProperty().bind(step.otlpEnabledProperty().not());
        cleanup.add(field(otlpEndpoint, step.otlpEndpointProperty(), otlpError, step.otlpErrorProperty()));
        otlpExposed.visibleProperty().bind(step.otlpExposedProperty());
        otlpExposed.managedProperty().bind(otlpExposed.visibleProperty());
        cleanup.add(field(frontendUrl, step.frontendUrlProperty(), frontendError, step.frontendErrorProperty()));

        endpoint(Signal.METRICS, metricsUrl, metricsUrlError, metricsUsername, metricsUsernameError, metricsHint,
                l10n.get("wizard.sources.usernameHint", Signal.METRICS.usernameField()), l10n.get("credentials.help.metrics"));
        endpoint(Signal.LOGS, logsUrl, logsUrlError, logsUsername, logsUsernameError, logsHint,
                l10n.get("wizard.sources.usernameHint", Signal.LOGS.usernameField()), l10n.get("credentials.help.logs"));
        endpoint(Signal.OTLP, otlpUrl, otlpUrlError, otlpUsername, otlpUsernameError, otlpHint,
                l10n.get("wizard.sources.usernameHint.otlp", Signal.OTLP.usernameField()), l10n.get("credentials.help.otlp"));
        tokenNote.setText(l10n.get("wizard.tokenFromEnvironment", ConfigModel.EnvToken.DEFAULT.variable()));
        profileNote.textProperty().bind(step.profileNoteProperty());
        showWhen(profileNote, step.profileNoteProperty().isNotEmpty());
        showWhen(localStackNote, step.localStackProperty());
        showWhen(cloudBox, step.localStackProperty().not());
        endpointsTitle.textProperty().bind(Bindings.when(step.localStackProperty())
                .then(l10n.get("wizard.sources.endpoints.local")).otherwise(l10n.get("wizard.sources.endpoints")));

        problem.textProperty().bind(step.problemProperty());
        showWhen(problem, step.problemProperty().isNotEmpty());

        step.targets().addListener(targetsChanged);
        step.logFiles().addListener(logsChanged);
        step.notes().addListener(notesChanged);
        cleanup.add(() -> {
            step.targets().removeListener(targetsChanged);
            step.logFiles().removeListener(logsChanged);
            step.notes().removeListener(notesChanged);
        });
        buildTargets();
        buildLogFiles();
        buildNotes();

        // A ScrollPane does not follow the keyboard: bring the field Tab moved to into view.
        ChangeListener<Node> focused = (obs, old, node) -> ensureVisible(node);
        ChangeListener<Scene> attached = (obs, old, scene) -> {
            if (old != null) {
                old.focusOwnerProperty().removeListener(focused);
            }
            if (scene != null) {
                scene.focusOwnerProperty().addListener(focused);
            }
        };
        form.sceneProperty().addListener(attached);
        cleanup.add(() -> {
            form.sceneProperty().removeListener(attached);
            if (form.getScene() != null) {
                form.getScene().focusOwnerProperty().removeListener(focused);
            }
        });
    }

    private void ensureVisible(Node node) {
        Node parent = node;
        while (parent != null && parent != form) {
            parent = parent.getParent();
        }
        if (parent == null) {
            return;
        }
        double contentHeight = form.getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        Bounds bounds = form.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double top = scroll.getVvalue() * (contentHeight - viewport);
        double target;
        if (bounds.getMinY() < top) {
            target = bounds.getMinY() - 8;
        } else if (bounds.getMaxY() > top + viewport) {
            target = bounds.getMaxY() - viewport + 8;
        } else {
            return;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, target / (contentHeight - viewport))));
    }

    @Override
    public void dispose() {
        undo(targetCleanup);
        undo(logCleanup);
        cleanup.forEach(Runnable::run);
        cleanup.clear();
    }

    // ---------------------------------------------------------------- targets

    private void buildTargets() {
        targetGrid.getChildren().clear();
        undo(targetCleanup);
        String[] headers = {"wizard.sources.column.job", "wizard.sources.column.address", "wizard.sources.column.path",
                "wizard.sources.column.interval"};
        for (int column = 0; column < headers.length; column++) {
            Label header = new Label(l10n.get(headers[column]));
            header.getStyleClass().add("text-muted");
            header.setWrapText(true);
            header.setMinHeight(Region.USE_PREF_SIZE);
            GridPane.setValignment(header, VPos.BOTTOM);
            targetGrid.add(header, column, 0);
        }
        int row = 1;
        for (ScrapeTargetInput target : step.targets()) {
            int number = row;
            targetGrid.add(cell(target.jobProperty(), target.jobErrorProperty(), "sources-job-" + number,
                    l10n.get("wizard.sources.target.job", number), "worker"), 0, row);
            targetGrid.add(cell(target.addressProperty(), target.addressErrorProperty(), "sources-address-" + number,
                    l10n.get("wizard.sources.target.address", number), "localhost:8787"), 1, row);
            targetGrid.add(cell(target.pathProperty(), target.pathErrorProperty(), "sources-path-" + number,
                    l10n.get("wizard.sources.target.path", number), SourceChecks.DEFAULT_PATH), 2, row);
            targetGrid.add(cell(target.intervalProperty(), target.intervalErrorProperty(), "sources-interval-" + number,
                    l10n.get("wizard.sources.target.interval", number), SourceChecks.DEFAULT_INTERVAL), 3, row);
            Button remove = removeButton("sources-remove-target-" + number, l10n.get("wizard.sources.removeTarget", number));
            remove.setOnAction(event -> {
                step.removeTarget(target);
                wizard.saveState();
                addTargetButton.requestFocus();
            });
            targetGrid.add(remove, 4, row);
            GridPane.setValignment(remove, VPos.TOP);
            row++;
        }
    }

    @FXML
    private void addTarget() {
        step.addTarget();
        wizard.saveState();
        focusLater(targetGrid.lookup("#sources-job-" + step.targets().size()));
    }

    /** A field with its message under it; the field turns red while the message is there. */
    private VBox cell(StringProperty value, ObservableStringValue error, String id, String accessible, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setAccessibleText(accessible);
        field.setPromptText(prompt);
        Label message = new Label();
        message.setId(id + "-error");
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        targetCleanup.add(field(field, value, message, error));
        VBox box = new VBox(2, field, message);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    // ---------------------------------------------------------------- log files

    private void buildLogFiles() {
        logList.getChildren().clear();
        undo(logCleanup);
        int number = 1;
        for (LogFileInput file : step.logFiles()) {
            TextField path = new TextField();
            path.setId("sources-log-" + number);
            path.setAccessibleText(l10n.get("wizard.sources.log.path", number));
            path.setPromptText("/var/log/myapp/*.log");
            Label message = new Label();
            message.setId("sources-log-" + number + "-error");
            message.getStyleClass().add("error-text");
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            logCleanup.add(field(path, file.pathProperty(), message, file.errorProperty()));
            Button remove = removeButton("sources-remove-log-" + number, l10n.get("wizard.sources.removeLog", number));
            remove.setOnAction(event -> {
                step.removeLogFile(file);
                wizard.saveState();
                addLogButton.requestFocus();
            });
            HBox line = new HBox(8, path, remove);
            HBox.setHgrow(path, Priority.ALWAYS);
            logList.getChildren().add(new VBox(2, line, message));
            number++;
        }
        showWhen(logList, Bindings.isNotEmpty(step.logFiles()));
    }

    @FXML
    private void addLogFile() {
        step.addLogFile();
        wizard.saveState();
        focusLater(logList.lookup("#sources-log-" + step.logFiles().size()));
    }

    private Button removeButton(String id, String accessible) {
        Button remove = new Button("✕");
        remove.setId(id);
        remove.setAccessibleText(accessible);
        Tooltip tip = new Tooltip(accessible);
        tip.setShowDelay(Duration.millis(300));
        remove.setTooltip(tip);
        remove.getStyleClass().add("flat");
        return remove;
    }

    // ---------------------------------------------------------------- endpoints and notes

    private void endpoint(Signal signal, TextField url, Label urlError, TextField username, Label usernameError, Label hint,
                          String hintText, String help) {
        EndpointInput input = step.endpoint(signal);
        cleanup.add(field(url, input.urlProperty(), urlError, input.urlErrorProperty()));
        cleanup.add(field(username, input.usernameProperty(), usernameError, input.usernameErrorProperty()));
        username.setPromptText(signal.usernameField());
        hint.setText(hintText);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(200));
        url.setTooltip(tip);
        username.setTooltip(tip);
    }

    private void buildNotes() {
        noteBox.getChildren().clear();
        for (String note : step.notes()) {
            Label label = new Label(note);
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            label.setMaxWidth(Double.MAX_VALUE);
            label.getStyleClass().add("warning-banner");
            noteBox.getChildren().add(label);
        }
        noteBox.setVisible(!step.notes().isEmpty());
        noteBox.setManaged(noteBox.isVisible());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Binds a text field to its value both ways, shows its message under it (and on the field for screen readers),
     * marks it red while something is wrong, and saves the wizard's state when the field loses focus.
     *
     * @return what undoes the bindings
     */
    private Runnable field(TextField field, StringProperty value, Label message, ObservableStringValue error) {
        field.textProperty().bindBidirectional(value);
        message.textProperty().bind(error);
        message.visibleProperty().bind(Bindings.isNotEmpty(error));
        message.managedProperty().bind(message.visibleProperty());
        field.accessibleHelpProperty().bind(error);
        ChangeListener<String> mark = (obs, old, now) -> field.pseudoClassStateChanged(DANGER, !now.isEmpty());
        error.addListener(mark);
        field.pseudoClassStateChanged(DANGER, !error.get().isEmpty());
        ChangeListener<Boolean> save = (obs, old, focused) -> {
            if (!focused) {
                wizard.saveState();
            }
        };
        field.focusedProperty().addListener(save);
        return () -> {
            field.textProperty().unbindBidirectional(value);
            error.removeListener(mark);
            field.focusedProperty().removeListener(save);
        };
    }

    private static void undo(List<Runnable> actions) {
        List<Runnable> copy = new ArrayList<>(actions);
        actions.clear();
        copy.forEach(Runnable::run);
    }

    private <T> void bindBoth(Property<T> control, Property<T> model) {
        control.bindBidirectional(model);
        cleanup.add(() -> control.unbindBidirectional(model));
    }

    private static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    private static void focusLater(Node node) {
        if (node != null) {
            Platform.runLater(node::requestFocus);
        }
    }
}
