package io.alloycompanion.core.settings;

import java.util.Locale;

/** The languages the UI ships in, plus "follow the OS". */
public enum Language {
    SYSTEM(""),
    ENGLISH("en"),
    SPANISH("es"),
    PORTUGUESE_BRAZIL("pt-BR");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The locale to load bundles for; {@link #SYSTEM} maps the OS locale onto the nearest shipped language. */
    public Locale resolve(Locale systemLocale) {
        if (this != SYSTEM) {
            return Locale.forLanguageTag(tag);
        }
        switch (systemLocale.getLanguage()) {
            case "es":
                return SPANISH.resolve(systemLocale);
            case "pt":
                // Only Brazilian Portuguese ships; it reads well for Portugal too, better than English.
                return PORTUGUESE_BRAZIL.resolve(systemLocale);
            default:
                return ENGLISH.resolve(systemLocale);
        }
    }
}
