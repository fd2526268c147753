package io.alloycompanion.core.checks;

import java.util.List;

/**
 * A sentence for the user as a key of the app's bundles ({@code resources/i18n/messages*.properties}) and its
 * arguments, so the desktop app shows it in the chosen language and the command line in the terminal's.
 */
public record Text(String key, List<Object> args) {

    public Text {
        // An exception without a message must not turn into a NullPointerException here.
        args = args.stream().map(arg -> arg == null ? (Object) "" : arg).toList();
    }

    public static Text of(String key, Object... args) {
        return new Text(key, java.util.Arrays.asList(args));
    }
}
