package io.alloycompanion.cli;

import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the passphrase of the encrypted secrets file comes from: a hidden prompt on the terminal, or standard input
 * ({@code --passphrase-stdin}, for scripts). Like a token, it never comes from the command line.
 */
@FunctionalInterface
interface PassphraseInput {

    /**
     * The passphrase for {@code file}.
     *
     * @param creating the file does not exist yet, so the passphrase is new: a prompt asks twice to catch a typo
     * @throws SecretStoreException (UNAVAILABLE) when there is no way to get it, with what to do instead
     */
    Secret read(Path file, boolean creating) throws SecretStoreException;

    /** A prompt with echo off on the terminal. */
    static PassphraseInput console() {
        return (file, creating) -> {
            Console console = System.console();
            if (console == null) {
                throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The encrypted secrets file "
                        + file + " needs its passphrase, and there is no terminal to ask for it on. Pipe the passphrase "
                        + "with --passphrase-stdin (the token must then be stored already, or typed at the hidden "
                        + "prompt), or run the command in a terminal.");
            }
            Secret first = ask(console, creating ? "New passphrase for " + file + " (input hidden): "
                    : "Passphrase for " + file + " (input hidden): ");
            if (!creating) {
                return first;
            }
            try (Secret again = ask(console, "Repeat the passphrase: ")) {
                boolean same = first.reveal(a -> again.reveal(b -> Arrays.equals(a, b)));
                if (!same) {
                    first.close();
                    throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The two passphrases differ, "
                            + "so the encrypted file was not created. Try again.");
                }
                return first;
            }
        };
    }

    /** Everything on standard input (trimmed), read once: a second read would find it empty. */
    static PassphraseInput stdin(InputStream in) {
        return (file, creating) -> {
            try {
                return TokenInput.fromStream(in);
            } catch (IOException e) {
                throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "Cannot read the passphrase "
                        + "from standard input: " + e.getMessage(), e);
            }
        };
    }

    private static Secret ask(Console console, String question) throws SecretStoreException {
        char[] typed = console.readPassword("%s", question);
        if (typed == null) {
            throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "No passphrase was entered.");
        }
        try {
            return Secret.of(typed);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}
