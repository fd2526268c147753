package io.alloycompanion.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(name = "alloy-companion",
        mixinStandardHelpOptions = true,
        // --help and --version work on every subcommand too.
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Set up, run and check Grafana Alloy. With no arguments the desktop app opens.",
        subcommands = {DoctorCommand.class, ConfigCommand.class, InstallCommand.class, UninstallCommand.class,
                CredentialsCommand.class, RunCommand.class, StatusCommand.class, CheckCommand.class,
                TelemetryCommand.class, StackCommand.class, DashboardsCommand.class, ResetCommand.class},
        usageHelpAutoWidth = true)
final class RootCommand {
}
