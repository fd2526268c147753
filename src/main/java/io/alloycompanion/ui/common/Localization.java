package io.alloycompanion.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The UI's strings in the chosen language; views reload when {@link #localeProperty()} changes. */
public final class Localization {

    public static final String BUNDLE = "i18n.messages";

    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>();
    private ResourceBundle bundle;

    public Localization(Locale initial) {
        setLocale(initial);
    }

    public static ResourceBundle bundleFor(Locale locale) {
        // The root bundle is English; never fall back to the JVM's default locale instead.
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public void setLocale(Locale value) {
        bundle = bundleFor(value);
        locale.set(value);
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    public Locale locale() {
        return locale.get();
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text for a key, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale.get()).format(args);
    }
}
