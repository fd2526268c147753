package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "credentials",
        description = "Grafana Cloud stack profiles: endpoints and usernames per signal, the token in the OS keychain "
                + "or a passphrase-encrypted file (never on the command line), an optional read token for checking that data arrives and an optional Grafana service account token for the stack's Grafana, connection tests, handing the token to "
                + "Alloy, and finding tokens git could publish.",
        subcommands = {CredentialsAddCommand.class, CredentialsListCommand.class, CredentialsShowCommand.class,
                CredentialsTestCommand.class, CredentialsUseCommand.class, CredentialsRenameCommand.class,
                CredentialsRemoveCommand.class, CredentialsReadTokenCommand.class, CredentialsGrafanaTokenCommand.class, CredentialsDeliverCommand.class, CredentialsScanCommand.class,
                CredentialsIgnoreCommand.class})
final class CredentialsCommand {
}
