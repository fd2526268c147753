package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "read-token",
        description = "Set (or with --remove forget) a profile's read token: a second access policy token with "
                + "metrics:read, logs:read and traces:read only. `check` queries Grafana Cloud with it to prove your data "
                + "arrived (cloud-metrics-visible, cloud-logs-visible, cloud-traces-visible); Alloy never gets it. The "
                + "token is read from stdin (--token-stdin) or asked for with input hidden, never taken from the command "
                + "line, and kept where the profile's token is (or where --store says).")
final class CredentialsReadTokenCommand extends OptionalTokenCommand {

    static final String PROMPT = "Paste the read token (glc_… with metrics:read, logs:read, traces:read; input hidden): ";

    CredentialsReadTokenCommand(CliContext context) {
        super(context);
    }

    @Override
    String noun() {
        return "read token";
    }

    @Override
    String prompt() {
        return PROMPT;
    }

    @Override
    Optional<String> refusal(TokenInspection inspection) {
        return inspection.accepted() ? Optional.empty() : Optional.of(inspection.refusal().orElse("this token cannot be used."));
    }

    @Override
    Optional<String> about(TokenInspection inspection) {
        return Optional.of("Read token " + inspection.masked() + inspection.info().map(info -> ": org "
                + info.org().orElse("?") + ", name " + info.name().orElse("?") + ", region "
                + info.region().orElse("?")).orElse(""));
    }

    @Override
    void save(CredentialManager credentials, Secret value, SecretLocation where) throws ProfileException, SecretStoreException {
        credentials.saveReadToken(profile, value, where);
    }

    @Override
    boolean forget(CredentialManager credentials) throws ProfileException, SecretStoreException {
        return credentials.removeReadToken(profile);
    }

    @Override
    String afterSaving(StackProfile existing) {
        return " Check that your data arrives: alloy-companion check --only cloud-metrics-visible,cloud-logs-visible,"
                + "cloud-traces-visible";
    }

    @Override
    String stillValid() {
        return "It stays valid in Grafana Cloud: revoke it there if it should stop working.";
    }
}
