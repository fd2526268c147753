package io.alloycompanion.core.checks;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Renders a {@link Text} from the app's bundles in a locale (the command line's; the desktop app has its own). */
public final class Texts {

    private final ResourceBundle bundle;
    private final Locale locale;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String render(Text text) {
        String pattern;
        try {
            pattern = bundle.getString(text.key());
        } catch (MissingResourceException e) {
            return text.key() + text.args();
        }
        Object[] args = text.args().stream().map(arg -> arg instanceof Text nested ? render(nested) : arg).toArray();
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
