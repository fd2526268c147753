package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "dashboards",
        description = "Grafana dashboards: move a folder of dashboards (and the provisioning) from Jaeger to Tempo, and "
                + "import dashboard files into a Grafana through its HTTP API.",
        subcommands = {DashboardsMigrateCommand.class, DashboardsImportCommand.class})
final class DashboardsCommand {
}
