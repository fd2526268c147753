package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "alloy-companion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Set up, run and check Grafana Alloy. With no arguments the desktop app opens.",
        subcommands = {DoctorCommand.class, ConfigCommand.class, InstallCommand.class, UninstallCommand.class,
                CredentialsCommand.class, RunCommand.class, StatusCommand.class, TelemetryCommand.class},
        usageHelpAutoWidth = true)
final class RootCommand {
}
