package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.ui.common.FxmlView;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The last step: the checklist, run on entering. Finish is possible once it has been checked through (failures and
 * all: each says what fixes it, and the Checklist screen keeps checking after the wizard).
 */
public final class ChecklistStep implements WizardStep {

    static final String ID = "checklist";

    private final ChecklistViewModel checklist;
    private final BooleanBinding checked;

    public ChecklistStep(ChecklistViewModel checklist) {
        this.checklist = checklist;
        // Once checked through, Finish stays available while the list is checked again.
        this.checked = Bindings.createBooleanBinding(() -> checklist.checkedAtProperty().get().isPresent(),
                checklist.checkedAtProperty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.checklist.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_CHECKLIST_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return checked;
    }

    @Override
    public void onEnter() {
        // Fresh results on entering: a run already going (e.g. after the config was written) is followed by one more.
        if (checklist.hasResults()) {
            checklist.run();
        } else {
            checklist.runIfIdle();
        }
    }
}
