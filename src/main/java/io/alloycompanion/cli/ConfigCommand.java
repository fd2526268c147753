package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "config",
        description = "Read, check and change Alloy configuration files.",
        subcommands = {ConfigFmtCommand.class})
final class ConfigCommand {
}
