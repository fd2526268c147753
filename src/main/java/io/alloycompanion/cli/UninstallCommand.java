package io.alloycompanion.cli;

import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.InstallException;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "uninstall",
        description = "Remove Alloy versions this app installed (never your config). One version with --version, all with "
                + "--all, the service with --service.")
final class UninstallCommand implements Callable<Integer> {

    // This command's own --version (of Alloy) hides the inherited help options; --help is declared here instead.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;


    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", description = "Install folder (default: alloy in the app's data folder).")
    private Path dir;

    @ArgGroup(multiplicity = "1")
    private Which which;

    static final class Which {
        @Option(names = "--version", paramLabel = "vX.Y.Z", description = "The version to remove.")
        String version;

        @Option(names = "--all", description = "Remove every version.")
        boolean all;

        @Option(names = "--service", description = "Remove the service set up by install --service (Linux: the systemd "
                + "user unit; Windows: the official uninstaller, after saving its config.alloy into the app's backups).")
        boolean service;
    }

    @Option(names = "--json", description = "Print the result as one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    UninstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path target = dir != null ? dir : context.directories().data().resolve("alloy");
        try {
            if (which.service) {
                out.println(new ServiceSetup(context.env(), new ProcessCommandRunner())
                        .uninstall(context.directories().data().resolve("backups")));
                out.flush();
                return ExitCodes.OK;
            }
            List<String> removed = AlloyInstaller.uninstall(target, which.all ? Optional.empty()
                    : Optional.of(which.version.startsWith("v") ? which.version : "v" + which.version));
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("schemaVersion", 1);
                document.put("removed", removed);
                document.put("dir", target.toString());
                out.println(Json.write(document));
            } else {
                out.println(removed.isEmpty() ? "Nothing to remove in " + target : "Removed Alloy " + String.join(", ", removed));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (InstallException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }
}
