package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.credentials.CredentialsViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/**
 * "Store your Grafana Cloud credentials": the credential manager's form inside the wizard. Done once a profile is
 * saved with its token; not needed (and passed) for the local Docker stack.
 */
public final class CredentialsStep implements WizardStep {

    static final String ID = "credentials";

    private final CredentialsViewModel credentials;
    private final ModeStep mode;
    private final BooleanBinding localStack;
    private final BooleanBinding valid;

    public CredentialsStep(CredentialsViewModel credentials, ModeStep mode) {
        this.credentials = credentials;
        this.mode = mode;
        // Only the local stack alone needs no Grafana Cloud credentials.
        this.localStack = Bindings.createBooleanBinding(() -> mode.modeProperty().get() == SetupMode.LOCAL_STACK,
                mode.modeProperty());
        this.valid = localStack.or(credentials.savedProperty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.credentials.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_CREDENTIALS_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    @Override
    public void onEnter() {
        if (!localStack.get()) {
            credentials.load();
        }
    }

    public CredentialsViewModel credentials() {
        return credentials;
    }

    /** True when the wizard sets up the local stack, which needs no Grafana Cloud credentials. */
    public BooleanBinding localStackProperty() {
        return localStack;
    }
}
