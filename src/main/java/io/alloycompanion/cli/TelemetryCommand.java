package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "telemetry",
        description = "Test telemetry through the local Alloy: send a span, a log record and a metric point and show "
                + "that Alloy accepted them.",
        subcommands = {TelemetrySendCommand.class})
final class TelemetryCommand {
}
