package io.alloycompanion.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.alloycompanion.core.settings.ThemePreference;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Scene;

/** Applies AtlantaFX's Primer theme, light or dark, plus the app's own stylesheet. */
public final class ThemeManager {

    public static final String APP_STYLESHEET = "/css/app.css";

    private final BooleanSupplier osPrefersDark;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private Boolean osDark;

    /** @param osPrefersDark asks the OS; called at most once and not on the FX thread (it may run a command) */
    public ThemeManager(BooleanSupplier osPrefersDark) {
        this.osPrefersDark = osPrefersDark;
    }

    /** Reads the OS appearance ahead of time, from a background thread, so {@link #apply} never blocks. */
    public synchronized void readOsAppearance() {
        if (osDark == null) {
            osDark = osPrefersDark.getAsBoolean();
        }
    }

    public void apply(ThemePreference preference) {
        boolean useDark;
        switch (preference) {
            case DARK:
                useDark = true;
                break;
            case LIGHT:
                useDark = false;
                break;
            default:
                synchronized (this) {
                    useDark = Boolean.TRUE.equals(osDark);
                }
        }
        Application.setUserAgentStylesheet(useDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        dark.set(useDark);
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public void style(Scene scene) {
        String css = Objects.requireNonNull(ThemeManager.class.getResource(APP_STYLESHEET)).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}
