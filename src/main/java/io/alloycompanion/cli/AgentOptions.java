package io.alloycompanion.cli;

import io.alloycompanion.core.agent.ListenAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which Alloy, config, profile and address a command works with ({@code run}, {@code check}): the same everywhere. */
final class AgentOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "The config (default: the one in the settings, "
            + "else config.alloy in the app's data folder).")
    Path config;

    @Option(names = "--profile", description = "The Grafana Cloud profile whose token is used (default: the active one).")
    String profile;

    @Option(names = "--alloy-binary", paramLabel = "PATH", description = "The Alloy (default: the settings', "
            + "else the one this app installed, else the first on the machine).")
    Path alloyBinary;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = ListenAddress.DEFAULT,
            description = "Alloy's HTTP address (default ${DEFAULT-VALUE}).")
    String listen;

    /** False, with the reason on {@code err}, when {@code --listen} is not {@code host:port}. */
    boolean validListen(PrintWriter err) {
        if (ListenAddress.valid(listen)) {
            return true;
        }
        err.println("error: --listen must be host:port (e.g. 127.0.0.1:12345), not " + listen);
        return false;
    }
}
