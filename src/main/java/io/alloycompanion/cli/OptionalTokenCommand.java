package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.SecretRef;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sets or forgets one of a profile's optional tokens (the read token, the Grafana token): read from stdin or a hidden
 * prompt only, checked, and kept where the profile's token is unless {@code --store} says otherwise.
 */
abstract class OptionalTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", required = true, description = "The profile.")
    String profile;

    @Option(names = "--token-stdin", description = "Read the token from standard input (trimmed).")
    boolean tokenStdin;

    @Option(names = "--remove", description = "Forget the token (it stays valid where it was made: revoke or delete it "
            + "there if it should stop working).")
    boolean remove;

    @Option(names = "--store", paramLabel = "keychain|encrypted-file|ask",
            description = "Where to keep it (default: where the profile's token is, else the OS keychain).")
    String store;

    @Mixin
    PassphraseOption passphrase = new PassphraseOption();

    final CliContext context;

    OptionalTokenCommand(CliContext context) {
        this.context = context;
    }

    /** What the token is called in messages ("read token", "Grafana token"). */
    abstract String noun();

    abstract String prompt();

    /** Why this token cannot be used here; empty when it can. */
    abstract Optional<String> refusal(TokenInspection inspection);

    /** A line about the token before it is saved (org, region…); empty for none. */
    Optional<String> about(TokenInspection inspection) {
        return Optional.empty();
    }

    abstract void save(CredentialManager credentials, Secret value, SecretLocation where)
            throws ProfileException, SecretStoreException;

    abstract boolean forget(CredentialManager credentials) throws ProfileException, SecretStoreException;

    /** What to do next once saved. */
    abstract String afterSaving(StackProfile existing);

    /** Where the token stays valid after it is forgotten here. */
    abstract String stillValid();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (remove && (tokenStdin || store != null)) {
            err.println("error: --remove takes no token: leave out --token-stdin and --store.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (!passphrase.compatibleWithTokenStdin(tokenStdin, err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<SecretLocation> chosen = store == null ? Optional.empty() : CredentialsAddCommand.location(store);
        if (store != null && chosen.isEmpty()) {
            err.println("error: --store must be keychain, encrypted-file or ask.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CredentialManager credentials = passphrase.credentials(context);
        StackProfile existing;
        try {
            existing = credentials.require(profile);
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (remove) {
            return remove(credentials, out, err);
        }
        Optional<Secret> token = tokenStdin ? Optional.of(TokenInput.fromStream(context.stdin())) : TokenInput.prompt(prompt());
        if (token.isEmpty() || token.get().isEmpty()) {
            token.ifPresent(Secret::close);
            err.println("error: no " + noun() + " given. Pipe it with --token-stdin, or run this in a terminal to be asked "
                    + "for it (input hidden).");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        SecretLocation where = chosen.or(() -> existing.secret().map(SecretRef::location)).orElse(SecretLocation.KEYCHAIN);
        try (Secret value = token.get()) {
            TokenInspection inspection = TokenInspector.inspect(value);
            Optional<String> refused = refusal(inspection);
            if (refused.isPresent()) {
                err.println("error: " + refused.get());
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            about(inspection).ifPresent(err::println);
            save(credentials, value, where);
            out.println("Saved the " + noun() + " of profile " + profile + " (" + inspection.masked() + ") in the "
                    + place(where) + "." + afterSaving(existing));
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            err.println("The " + noun() + " was not saved.");
            if (e instanceof SecretStoreException storeError && where == SecretLocation.KEYCHAIN
                    && storeError.reason() == SecretStoreException.Reason.UNAVAILABLE) {
                err.println("Without a working keychain, use --store encrypted-file (a passphrase-protected file).");
            }
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }

    private int remove(CredentialManager credentials, PrintWriter out, PrintWriter err) {
        try {
            boolean removed = forget(credentials);
            out.println(removed ? "Removed the " + noun() + " of profile " + profile + ". " + stillValid()
                    : "Profile " + profile + " has no " + noun() + ".");
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }

    private String place(SecretLocation where) {
        return switch (where) {
            case KEYCHAIN -> "OS keychain";
            case ENCRYPTED_FILE -> "encrypted file " + context.encryptedSecretsFile();
            case ASK_EACH_TIME -> "memory of this command only";
        };
    }
}
