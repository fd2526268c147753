package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenKind;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "grafana-token",
        description = "Set (or with --remove forget) a profile's Grafana token: a service account token (glsa_…) for "
                + "the stack's own Grafana (its HTTP API at the profile's stack URL), made in that Grafana under "
                + "Administration → Users and access → Service accounts (Editor role). `check` looks for the starter "
                + "dashboard with it (cloud-dashboard) and the desktop app imports the dashboard with it; Alloy never "
                + "gets it. The token is read from stdin (--token-stdin) or asked for with input hidden, never taken "
                + "from the command line, and kept where the profile's token is (or where --store says).")
final class CredentialsGrafanaTokenCommand extends OptionalTokenCommand {

    static final String PROMPT = "Paste the Grafana service account token (glsa_…; input hidden): ";
    static final String HOW_TO = "A service account token (glsa_…) is needed: in the stack's Grafana, Administration → "
            + "Users and access → Service accounts → add one with the Editor role → Add service account token.";
    static final String ACCESS_POLICY_REFUSAL = "this is a Grafana Cloud access policy token (glc_…): it sends and "
            + "queries data, but Grafana's own HTTP API does not accept it. " + HOW_TO;

    CredentialsGrafanaTokenCommand(CliContext context) {
        super(context);
    }

    @Override
    String noun() {
        return "Grafana token";
    }

    @Override
    String prompt() {
        return PROMPT;
    }

    @Override
    Optional<String> refusal(TokenInspection inspection) {
        if (inspection.kind().forGrafanaApi()) {
            return Optional.empty();
        }
        return Optional.of(inspection.kind() == TokenKind.ACCESS_POLICY ? ACCESS_POLICY_REFUSAL
                : "this is a retired API key (eyJrIjoi…). " + HOW_TO);
    }

    @Override
    void save(CredentialManager credentials, Secret value, SecretLocation where) throws ProfileException, SecretStoreException {
        credentials.saveGrafanaToken(profile, value, where);
    }

    @Override
    boolean forget(CredentialManager credentials) throws ProfileException, SecretStoreException {
        return credentials.removeGrafanaToken(profile);
    }

    @Override
    String afterSaving(StackProfile existing) {
        return existing.stackUrl().isEmpty() ? " The profile has no stack URL yet (set with credentials add --stack SLUG): "
                + "the dashboard check needs it." : " Check for the starter dashboard: alloy-companion check --only cloud-dashboard";
    }

    @Override
    String stillValid() {
        return "It stays valid in Grafana: delete it there (Administration → Users and access → Service accounts) if it "
                + "should stop working.";
    }
}
