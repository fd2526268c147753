package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rename", description = "Rename a profile (its token moves along), or with --copy duplicate it.")
final class CredentialsRenameCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true)
    private String profile;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    @Option(names = "--to", required = true, description = "The new name.")
    private String to;

    @Option(names = "--copy", description = "Keep the original: duplicate instead of rename.")
    private boolean copy;

    private final CliContext context;

    CredentialsRenameCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CredentialManager credentials = passphrase.credentials(context);
        try {
            if (copy) {
                credentials.duplicate(profile, to);
                spec.commandLine().getOut().println("Copied profile " + profile + " to " + to + ".");
            } else {
                credentials.rename(profile, to);
                spec.commandLine().getOut().println("Renamed profile " + profile + " to " + to + ".");
            }
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }
}
