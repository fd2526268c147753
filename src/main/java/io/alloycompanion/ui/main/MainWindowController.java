package io.alloycompanion.ui.main;

import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.ViewLoader;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.util.Subscription;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;

/** The shell: sidebar navigation, the current screen (loaded on first visit), and the status bar. */
public final class MainWindowController implements DisposableController {

    private final MainViewModel model;
    private final ViewLoader views;
    private final Map<Screen, Parent> loaded = new EnumMap<>(Screen.class);
    private Subscription subscription = Subscription.EMPTY;

    @FXML private ToggleGroup navigation;
    @FXML private ToggleButton setupNav;
    @FXML private ToggleButton environmentNav;
    @FXML private ToggleButton credentialsNav;
    @FXML private ToggleButton configNav;
    @FXML private ToggleButton agentNav;
    @FXML private ToggleButton logsNav;
    @FXML private ToggleButton checklistNav;
    @FXML private ToggleButton stackNav;
    @FXML private ToggleButton settingsNav;
    @FXML private StackPane content;
    @FXML private Label agentStatus;
    @FXML private Label profileStatus;
    @FXML private Label alloyStatus;

    public MainWindowController(MainViewModel model, ViewLoader views) {
        this.model = model;
        this.views = views;
    }

    @FXML
    private void initialize() {
        setupNav.setUserData(Screen.SETUP);
        environmentNav.setUserData(Screen.ENVIRONMENT);
        credentialsNav.setUserData(Screen.CREDENTIALS);
        configNav.setUserData(Screen.CONFIG);
        agentNav.setUserData(Screen.AGENT);
        logsNav.setUserData(Screen.LOGS);
        checklistNav.setUserData(Screen.CHECKLIST);
        stackNav.setUserData(Screen.STACK);
        settingsNav.setUserData(Screen.SETTINGS);
        navigation.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                // A toggle group lets the user unselect; a sidebar always has one screen selected.
                navigation.selectToggle(old);
            } else {
                model.screenProperty().set((Screen) toggle.getUserData());
            }
        });
        subscription = model.screenProperty().subscribe(this::show);
        agentStatus.textProperty().bind(model.agentText());
        profileStatus.textProperty().bind(model.profileText());
        alloyStatus.textProperty().bind(model.alloyText());
    }

    @Override
    public void dispose() {
        subscription.unsubscribe();
    }

    private void show(Screen screen) {
        Toggle toggle = switch (screen) {
            case SETUP -> setupNav;
            case ENVIRONMENT -> environmentNav;
            case CREDENTIALS -> credentialsNav;
            case CONFIG -> configNav;
            case AGENT -> agentNav;
            case LOGS -> logsNav;
            case CHECKLIST -> checklistNav;
            case STACK -> stackNav;
            case SETTINGS -> settingsNav;
        };
        navigation.selectToggle(toggle);
        content.getChildren().setAll(loaded.computeIfAbsent(screen, this::load));
    }

    private Parent load(Screen screen) {
        FxmlView view = switch (screen) {
            case SETUP -> FxmlView.WIZARD;
            case ENVIRONMENT -> FxmlView.ENVIRONMENT;
            case CREDENTIALS -> FxmlView.CREDENTIALS;
            case CONFIG -> FxmlView.CONFIG;
            case AGENT -> FxmlView.AGENT;
            case LOGS -> FxmlView.LOGS;
            case CHECKLIST -> FxmlView.CHECKLIST;
            case STACK -> FxmlView.STACK;
            case SETTINGS -> FxmlView.SETTINGS;
        };
        return views.load(view).root();
    }
}
