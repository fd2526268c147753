package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "credentials",
        description = "Grafana Cloud stack profiles: endpoints and usernames per signal, the token in the OS keychain "
                + "(never in a file, never on the command line), and connection tests.",
        subcommands = {CredentialsAddCommand.class, CredentialsListCommand.class, CredentialsShowCommand.class,
                CredentialsTestCommand.class, CredentialsUseCommand.class, CredentialsRenameCommand.class,
                CredentialsRemoveCommand.class})
final class CredentialsCommand {
}
