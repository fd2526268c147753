package io.alloycompanion.cli;

import picocli.CommandLine.Command;

@Command(name = "config",
        description = "Read, check and change Alloy configuration files.",
        subcommands = {ConfigFmtCommand.class, ConfigValidateCommand.class, ConfigGenerateCommand.class,
                ConfigGetCommand.class, ConfigSetCommand.class})
final class ConfigCommand {
}
