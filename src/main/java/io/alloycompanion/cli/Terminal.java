package io.alloycompanion.cli;

import java.io.Console;
import java.util.Optional;

/** The terminal a command can ask a question on, if there is one; tests hand in one that answers as scripted. */
public interface Terminal {

    /** Whether there is a terminal to ask on (false when input or output is redirected). */
    boolean present();

    /** Shows {@code prompt} and reads one line; empty when there is no terminal or input ended. */
    Optional<String> readLine(String prompt);

    /** The process's console. */
    static Terminal console() {
        return new Terminal() {
            @Override
            public boolean present() {
                return System.console() != null;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                Console console = System.console();
                return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", prompt));
            }
        };
    }
}
