package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ViewLoader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/** The wizard frame: step list, current step's view, progress of its action, and the navigation buttons. */
public final class WizardController implements DisposableController {

    private final WizardViewModel model;
    private final ViewLoader views;
    private final Localization l10n;
    /** By view, not by step: a step shows another view in the other setup mode. */
    private final Map<FxmlView, Parent> loadedSteps = new EnumMap<>(FxmlView.class);
    private final List<Label> stepItems = new ArrayList<>();
    private Subscription subscriptions = Subscription.EMPTY;

    @FXML private VBox stepList;
    @FXML private Label stepTitle;
    @FXML private Label stepCounter;
    @FXML private StackPane stepContent;
    @FXML private HBox progressBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressMessage;
    @FXML private Button cancelButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private Button finishButton;
    @FXML private javafx.scene.layout.BorderPane wizardRoot;
    @FXML private Label completedLabel;

    public WizardController(WizardViewModel model, ViewLoader views, Localization l10n) {
        this.model = model;
        this.views = views;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        for (int i = 0; i < model.steps().size(); i++) {
            WizardStep step = model.steps().get(i);
            Label item = new Label((i + 1) + ". " + l10n.get(step.titleKey()));
            item.getStyleClass().add("wizard-step-item");
            int position = i;
            subscriptions = subscriptions.and(model.indexProperty().subscribe(index -> markCurrent(item, index.intValue() == position)));
            stepList.getChildren().add(item);
            stepItems.add(item);
        }
        for (WizardStep step : model.steps()) {
            if (step instanceof ModeStep mode) {
                // As soon as a mode is picked, not only once Next is pressed.
                subscriptions = subscriptions.and(mode.modeProperty().subscribe(chosen -> refreshTitles()));
            }
        }
        subscriptions = subscriptions.and(model.currentProperty().subscribe(step -> {
            if (step != null) {
                show(step);
                // A step's own default button (the Credentials form's Save) takes the scene's Enter with it when it
                // leaves; give Enter back to Next (or Finish) once the new step is on screen.
                javafx.application.Platform.runLater(this::reclaimEnter);
            }
        }));
        progressBox.visibleProperty().bind(model.busyProperty());
        progressBox.managedProperty().bind(model.busyProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        progressMessage.textProperty().bind(model.progressMessageProperty());
        backButton.disableProperty().bind(model.canGoBackProperty().not());
        nextButton.disableProperty().bind(model.canGoNextProperty().not());
        finishButton.disableProperty().bind(model.canFinishProperty().not());
        nextButton.visibleProperty().bind(model.canFinishProperty().not().and(
                model.indexProperty().isNotEqualTo(model.steps().size() - 1)));
        nextButton.managedProperty().bind(nextButton.visibleProperty());
        finishButton.visibleProperty().bind(nextButton.visibleProperty().not());
        finishButton.managedProperty().bind(finishButton.visibleProperty());
        // Enter goes on (Next, or Finish on the last step); Esc cancels what a step is doing (Cancel is the cancel button).
        finishButton.defaultButtonProperty().bind(finishButton.visibleProperty());
        // A choice (radio button, check box) takes Enter for itself: after picking one, Enter still goes on.
        wizardRoot.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && (event.getTarget() instanceof ToggleButton || event.getTarget() instanceof CheckBox)) {
                Button go = nextButton.isVisible() ? nextButton : finishButton;
                if (!go.isDisabled()) {
                    go.fire();
                }
                event.consume();
            }
        });
        completedLabel.visibleProperty().bind(model.completedProperty());
        completedLabel.managedProperty().bind(model.completedProperty());
    }

    private void reclaimEnter() {
        nextButton.setDefaultButton(false);
        nextButton.setDefaultButton(true);
        finishButton.defaultButtonProperty().unbind();
        finishButton.setDefaultButton(false);
        finishButton.defaultButtonProperty().bind(finishButton.visibleProperty());
    }


    @Override
    public void dispose() {
        subscriptions.unsubscribe();
    }

    private static void markCurrent(Label item, boolean current) {
        item.getStyleClass().remove("current");
        if (current) {
            item.getStyleClass().add("current");
        }
    }

    /** The titles follow the setup mode chosen on the first step (e.g. "Start the stack" for the local stack). */
    private void refreshTitles() {
        for (int i = 0; i < stepItems.size(); i++) {
            stepItems.get(i).setText((i + 1) + ". " + l10n.get(model.steps().get(i).titleKey()));
        }
    }

    private void show(WizardStep step) {
        refreshTitles();
        Parent view = loadedSteps.computeIfAbsent(step.view(), shown -> views.load(shown).root());
        stepContent.getChildren().setAll(view);
        stepTitle.setText(l10n.get(step.titleKey()));
        stepCounter.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("wizard.stepCounter",
                model.indexProperty().get() + 1, model.steps().size()), model.indexProperty()));
    }

    @FXML
    private void back() {
        model.back();
    }

    @FXML
    private void next() {
        model.next();
    }

    @FXML
    private void finish() {
        model.finish();
    }

    @FXML
    private void cancel() {
        model.cancelAction();
    }
}
