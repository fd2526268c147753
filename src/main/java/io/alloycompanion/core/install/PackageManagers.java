package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Installs Alloy with the package manager a user prefers (FACTS.md §1), its output streamed as it runs. The Linux
 * distribution packages need root and Grafana's repository, so for them the app explains instead of running sudo.
 */
public final class PackageManagers {

    /** The supported managers and their install commands. */
    public enum Manager {
        WINGET(List.of("winget", "install", "--id", "GrafanaLabs.Alloy", "--exact", "--accept-package-agreements",
                "--accept-source-agreements")),
        SCOOP(List.of("scoop", "install", "alloy")),
        BREW(List.of("brew", "install", "grafana/grafana/alloy")),
        APT(List.of()),
        DNF(List.of());

        private final List<String> command;

        Manager(List<String> command) {
            this.command = command;
        }

        public List<String> command() {
            return command;
        }

        public static Optional<Manager> parse(String name) {
            try {
                return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final CommandRunner runner;

    public PackageManagers(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs the manager's install command, passing its output on line by line. */
    public void install(Manager manager, Consumer<String> output) throws InstallException, InterruptedException {
        if (manager.command().isEmpty()) {
            String tool = manager == Manager.APT ? "apt" : "dnf";
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, "Installing with " + tool + " needs administrator rights "
                    + "and Grafana's package repository (" + (manager == Manager.APT ? "https://apt.grafana.com" : "https://rpm.grafana.com")
                    + "), so the app does not run it for you. Add the repository as described at "
                    + "https://grafana.com/docs/alloy/latest/set-up/install/linux/, then run: sudo " + tool + " install alloy. "
                    + "Or install without admin rights: alloy-companion install.");
        }
        CommandResult result;
        try {
            result = runner.stream(manager.command(), output, TIMEOUT);
        } catch (IOException e) {
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, manager.command().get(0) + " is not installed here ("
                    + e.getMessage() + "). Install it first, or install without it: alloy-companion install.", e);
        }
        if (!result.succeeded()) {
            throw new InstallException(Kind.BROKEN_BINARY, String.join(" ", manager.command()) + " failed (exit "
                    + result.exitCode() + "); its output is above.");
        }
    }
}
