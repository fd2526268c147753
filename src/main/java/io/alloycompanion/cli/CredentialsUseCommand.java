package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.ProfileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "use", description = "Make a profile the active one (used by run, check and the desktop app).")
final class CredentialsUseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true)
    private String profile;

    private final CliContext context;

    CredentialsUseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            context.credentials().activate(profile);
            spec.commandLine().getOut().println("Active profile: " + profile);
            return ExitCodes.OK;
        } catch (ProfileException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }
}
