package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.FxmlView;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;

/** The first step: send telemetry to Grafana Cloud, to a local Grafana stack in Docker, or to both. */
public final class ModeStep implements WizardStep {

    static final String ID = "mode";

    private final ObjectProperty<SetupMode> mode = new SimpleObjectProperty<>();
    private final ObservableBooleanValue valid = mode.isNotNull();
    private final BooleanBinding localStack = Bindings.createBooleanBinding(() -> mode.get() != null && mode.get().localStack(), mode);
    private final BooleanBinding cloud = Bindings.createBooleanBinding(() -> mode.get() != null && mode.get().cloud(), mode);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.mode.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_MODE_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    public ObjectProperty<SetupMode> modeProperty() {
        return mode;
    }

    /** True while the local Docker stack is chosen (alone or with Grafana Cloud). */
    public BooleanBinding localStack() {
        return localStack;
    }

    /** True while Grafana Cloud is chosen (alone or beside the local stack). */
    public BooleanBinding cloud() {
        return cloud;
    }

    @Override
    public Map<String, String> saveState() {
        return mode.get() == null ? Map.of() : Map.of("mode", mode.get().name());
    }

    @Override
    public void restoreState(Map<String, String> values) {
        mode.set(Optional.ofNullable(values.get("mode")).flatMap(ModeStep::parse).orElse(null));
    }

    private static Optional<SetupMode> parse(String name) {
        try {
            return Optional.of(SetupMode.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
