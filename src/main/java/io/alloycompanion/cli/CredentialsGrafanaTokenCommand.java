package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.SecretRef;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.cloud.TokenKind;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "grafana-token",
        description = "Set (or with --remove forget) a profile's Grafana token: a service account token (glsa_…) for "
                + "the stack's own Grafana (its HTTP API at the profile's stack URL), made in that Grafana under "
                + "Administration → Users and access → Service accounts (Editor role). `check` looks for the starter "
                + "dashboard with it (cloud-dashboard) and the desktop app imports the dashboard with it; Alloy never "
                + "gets it. The token is read from stdin (--token-stdin) or asked for with input hidden, never taken "
                + "from the command line, and kept where the profile's token is (or where --store says).")
final class CredentialsGrafanaTokenCommand implements Callable<Integer> {

    static final String PROMPT = "Paste the Grafana service account token (glsa_…; input hidden): ";
    static final String HOW_TO = "A service account token (glsa_…) is needed: in the stack's Grafana, Administration → "
            + "Users and access → Service accounts → add one with the Editor role → Add service account token.";
    static final String ACCESS_POLICY_REFUSAL = "this is a Grafana Cloud access policy token (glc_…): it sends and "
            + "queries data, but Grafana's own HTTP API does not accept it. " + HOW_TO;

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "The profile.")
    private String profile;

    @Option(names = "--token-stdin", description = "Read the token from standard input (trimmed).")
    private boolean tokenStdin;

    @Option(names = "--remove", description = "Forget the profile's Grafana token (it stays valid in Grafana: delete "
            + "it there if it should stop working).")
    private boolean remove;

    @Option(names = "--store", paramLabel = "keychain|encrypted-file|ask",
            description = "Where to keep it (default: where the profile's token is, else the OS keychain).")
    private String store;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsGrafanaTokenCommand(CliContext context) {
        this.context = context;
    }

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
        Optional<Secret> token = tokenStdin ? Optional.of(TokenInput.fromStream(context.stdin())) : TokenInput.prompt(PROMPT);
        if (token.isEmpty() || token.get().isEmpty()) {
            token.ifPresent(Secret::close);
            err.println("error: no Grafana token given. Pipe it with --token-stdin, or run this in a terminal to be "
                    + "asked for it (input hidden).");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        SecretLocation where = chosen.or(() -> existing.secret().map(SecretRef::location)).orElse(SecretLocation.KEYCHAIN);
        try (Secret value = token.get()) {
            TokenInspection inspection = TokenInspector.inspect(value);
            if (!inspection.kind().forGrafanaApi()) {
                err.println("error: " + (inspection.kind() == TokenKind.ACCESS_POLICY ? ACCESS_POLICY_REFUSAL
                        : "this is a retired API key (eyJrIjoi…). " + HOW_TO));
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            credentials.saveGrafanaToken(profile, value, where);
            out.println("Saved the Grafana token of profile " + profile + " (" + inspection.masked() + ") in the "
                    + place(where) + "." + (existing.stackUrl().isEmpty() ? " The profile has no stack URL yet (set "
                    + "with credentials add --stack SLUG): the dashboard check needs it."
                    : " Check for the starter dashboard: alloy-companion check --only cloud-dashboard"));
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            err.println("The Grafana token was not saved.");
            if (e instanceof SecretStoreException storeError && where == SecretLocation.KEYCHAIN
                    && storeError.reason() == SecretStoreException.Reason.UNAVAILABLE) {
                err.println("Without a working keychain, use --store encrypted-file (a passphrase-protected file).");
            }
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }

    private int remove(CredentialManager credentials, PrintWriter out, PrintWriter err) {
        try {
            boolean removed = credentials.removeGrafanaToken(profile);
            out.println(removed ? "Removed the Grafana token of profile " + profile + ". It stays valid in Grafana: "
                    + "delete it there (Administration → Users and access → Service accounts) if it should stop working."
                    : "Profile " + profile + " has no Grafana token.");
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
