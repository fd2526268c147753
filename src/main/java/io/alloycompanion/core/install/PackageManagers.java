package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Installs Alloy with the package manager a user prefers (FACTS.md §1), its output streamed as it runs. The Linux
 * distribution packages need root and Grafana's repository: their commands are shown first and run only after the
 * user agrees, through {@code pkexec} (the desktop's password dialog) or {@code sudo} (a terminal).
 */
public final class PackageManagers {

    /** The supported managers and their install commands. */
    public enum Manager {
        WINGET(List.of("winget", "install", "--id", "GrafanaLabs.Alloy", "--exact", "--accept-package-agreements",
                "--accept-source-agreements"), null),
        SCOOP(List.of("scoop", "install", "alloy"), null),
        BREW(List.of("brew", "install", "grafana/grafana/alloy"), null),
        /** Grafana's apt repository with its key in a keyring file only this repository trusts, then the package. */
        APT(List.of(), String.join("\n",
                "set -e",
                "export DEBIAN_FRONTEND=noninteractive",
                "if ! grep -rqs 'apt.grafana.com' /etc/apt/sources.list /etc/apt/sources.list.d; then",
                "  mkdir -p /etc/apt/keyrings",
                "  if command -v curl >/dev/null 2>&1; then curl -fsSL -o /etc/apt/keyrings/grafana.asc https://apt.grafana.com/gpg.key;",
                "  else wget -q -O /etc/apt/keyrings/grafana.asc https://apt.grafana.com/gpg.key; fi",
                "  echo 'deb [signed-by=/etc/apt/keyrings/grafana.asc] https://apt.grafana.com stable main' > /etc/apt/sources.list.d/grafana.list",
                "fi",
                "apt-get update",
                "apt-get install -y alloy")),
        /** Grafana's rpm repository (signed packages and metadata), then the package. */
        DNF(List.of(), String.join("\n",
                "set -e",
                "if ! grep -rqs 'rpm.grafana.com' /etc/yum.repos.d; then",
                "  printf '%s\\n' '[grafana]' 'name=grafana' 'baseurl=https://rpm.grafana.com' 'repo_gpgcheck=1' 'enabled=1' "
                        + "'gpgcheck=1' 'gpgkey=https://rpm.grafana.com/gpg.key' 'sslverify=1' "
                        + "'sslcacert=/etc/pki/tls/certs/ca-bundle.crt' > /etc/yum.repos.d/grafana.repo",
                "fi",
                "dnf install -y alloy"));

        private final List<String> command;
        private final String rootScript;

        Manager(List<String> command, String rootScript) {
            this.command = command;
            this.rootScript = rootScript;
        }

        public List<String> command() {
            return command;
        }

        /** True for the distribution packages: their commands run as root, after the user agreed to them. */
        public boolean needsAdministrator() {
            return rootScript != null;
        }

        /** The shell commands that run as root (repository, then package), to show before the user agrees. */
        public Optional<String> rootScript() {
            return Optional.ofNullable(rootScript);
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Manager> parse(String name) {
            try {
                return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** How the root commands get their rights. */
    public enum Elevation {
        /** The desktop's authentication dialog (polkit). */
        PKEXEC(List.of("pkexec")),
        /** A password asked on the terminal. */
        SUDO(List.of("sudo", "--")),
        /** Already root. */
        NONE(List.of());

        private final List<String> prefix;

        Elevation(List<String> prefix) {
            this.prefix = prefix;
        }

        List<String> prefix() {
            return prefix;
        }
    }

    /** What the distribution package leaves to do, said after it installed. */
    public static final String AFTER_PACKAGE = "The package installed /usr/bin/alloy, /etc/alloy/config.alloy and the "
            + "system unit alloy.service, which it neither enables nor starts: sudo systemctl enable --now alloy. "
            + "Hand it the token with: alloy-companion credentials deliver --to system-service";

    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final int PKEXEC_DISMISSED = 126;
    private static final int PKEXEC_NOT_AUTHORISED = 127;

    private final CommandRunner runner;

    public PackageManagers(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs the manager's install command, passing its output on line by line. The distribution packages are refused
     * here with what would run: they need {@link #installAgreed} once the user has read and accepted the commands.
     */
    public void install(Manager manager, Consumer<String> output) throws InstallException, InterruptedException {
        if (manager.needsAdministrator()) {
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, "Installing with " + manager.id() + " adds Grafana's "
                    + "package repository and needs administrator rights, so it runs only when you agree. These commands "
                    + "would run as root:\n" + manager.rootScript().orElseThrow() + "\nAgree with: alloy-companion install "
                    + "--via " + manager.id() + " --yes. Or install without admin rights: alloy-companion install.");
        }
        run(manager.command(), manager, output);
    }

    /** Runs a distribution package's root commands, which the user has seen and agreed to, with {@code elevation}. */
    public void installAgreed(Manager manager, Elevation elevation, Consumer<String> output)
            throws InstallException, InterruptedException {
        if (!manager.needsAdministrator()) {
            install(manager, output);
            return;
        }
        List<String> command = rootCommand(manager, elevation);
        CommandResult result;
        try {
            result = runner.stream(command, output, TIMEOUT);
        } catch (IOException e) {
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, command.get(0) + " is not available here ("
                    + e.getMessage() + "), so the commands cannot get administrator rights. Run them yourself as root, or "
                    + "install without admin rights: alloy-companion install.", e);
        }
        if (elevation == Elevation.PKEXEC && (result.exitCode() == PKEXEC_DISMISSED || result.exitCode() == PKEXEC_NOT_AUTHORISED)) {
            throw new InstallException(Kind.CANCELLED, "The administrator password was not given, so nothing was installed.");
        }
        if (!result.succeeded()) {
            throw new InstallException(Kind.BROKEN_BINARY, manager.id() + " failed (exit " + result.exitCode() + "); its "
                    + "output is above.");
        }
    }

    static List<String> rootCommand(Manager manager, Elevation elevation) {
        List<String> command = new ArrayList<>(elevation.prefix());
        command.addAll(List.of("/bin/sh", "-c", manager.rootScript().orElseThrow()));
        return command;
    }

    private void run(List<String> command, Manager manager, Consumer<String> output) throws InstallException, InterruptedException {
        CommandResult result;
        try {
            result = runner.stream(command, output, TIMEOUT);
        } catch (IOException e) {
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, command.get(0) + " is not installed here ("
                    + e.getMessage() + "). Install it first, or install without it: alloy-companion install.", e);
        }
        if (!result.succeeded()) {
            throw new InstallException(Kind.BROKEN_BINARY, String.join(" ", manager.command()) + " failed (exit "
                    + result.exitCode() + "); its output is above.");
        }
    }
}
