package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --passphrase-stdin} for every command that may open the encrypted secrets file. Standard input then carries
 * the passphrase, so it cannot carry the token as well: the token must be stored already or typed at a hidden prompt.
 */
final class PassphraseOption {

    @Option(names = "--passphrase-stdin",
            description = "Read the passphrase of the encrypted secrets file (<app data>/secrets.enc.json) from standard "
                    + "input instead of asking on the terminal. The token must then be stored already or typed at the "
                    + "hidden prompt: standard input carries one secret only.")
    boolean passphraseStdin;

    /** The profiles and tokens, with the passphrase from where the user said. */
    CredentialManager credentials(CliContext context) {
        return context.credentials(passphraseStdin ? PassphraseInput.stdin(context.stdin()) : PassphraseInput.console());
    }

    /** False (after saying why) when stdin was asked to carry both the passphrase and the token. */
    boolean compatibleWithTokenStdin(boolean tokenStdin, PrintWriter err) {
        if (passphraseStdin && tokenStdin) {
            err.println("error: --passphrase-stdin and --token-stdin cannot be used together: standard input carries one "
                    + "secret only. Leave out --token-stdin to type the token at a hidden prompt, or store it first.");
            return false;
        }
        return true;
    }
}
