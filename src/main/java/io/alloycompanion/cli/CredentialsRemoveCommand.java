package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "remove", description = "Delete a profile and its token from the keychain. The token itself stays "
        + "valid in Grafana Cloud: revoke it there if it should stop working.")
final class CredentialsRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true)
    private String profile;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsRemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            passphrase.credentials(context).delete(profile);
            spec.commandLine().getOut().println("Removed profile " + profile + " and its stored token.");
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }
}
