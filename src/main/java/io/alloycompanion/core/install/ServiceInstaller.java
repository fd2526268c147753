package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.AtomicFiles;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs Alloy as a service of the OS. Linux: a systemd <em>user</em> unit for the app's own binary (no root needed;
 * it runs while the user is logged in, or always with lingering). Windows: Grafana's official installer, silently
 * and elevated through UAC, which registers the {@code Alloy} service. Every OS action is a command through the
 * {@link CommandRunner}.
 */
public final class ServiceInstaller {

    static final String UNIT = "alloy.service";
    static final List<String> DAEMON_RELOAD = List.of("systemctl", "--user", "daemon-reload");
    static final List<String> ENABLE_NOW = List.of("systemctl", "--user", "enable", "--now", UNIT);
    static final List<String> DISABLE_NOW = List.of("systemctl", "--user", "disable", "--now", UNIT);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Environment env;
    private final CommandRunner runner;

    public ServiceInstaller(Environment env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    /** Where the user unit goes: {@code $XDG_CONFIG_HOME/systemd/user/alloy.service}. */
    public Path userUnitFile() {
        Path config = env.variable("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElse(env.userHome().resolve(".config"));
        return config.resolve("systemd").resolve("user").resolve(UNIT);
    }

    /** The unit's text: Alloy on loopback, its data beside the app's, restarted when it fails. */
    public static String userUnit(Path binary, Path config, Path storage) {
        return "[Unit]\n"
                + "Description=Grafana Alloy (installed by Alloy Companion)\n"
                + "Documentation=https://grafana.com/docs/alloy/latest/\n"
                + "Wants=network-online.target\n"
                + "After=network-online.target\n"
                + "\n"
                + "[Service]\n"
                + "ExecStart=" + quote(binary) + " run --server.http.listen-addr=127.0.0.1:12345 --storage.path="
                + quote(storage) + " " + quote(config) + "\n"
                + "Restart=on-failure\n"
                + "RestartSec=5s\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=default.target\n";
    }

    /** systemd's quoting: paths with spaces go in double quotes. */
    private static String quote(Path path) {
        String text = path.toString();
        return text.contains(" ") ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : text;
    }

    /** Writes the user unit, reloads systemd and starts the service now and at every login. */
    public Path installUserUnit(Path binary, Path config, Path storage) throws InstallException, InterruptedException {
        Path unit = userUnitFile();
        try {
            AtomicFiles.writeWithBackup(unit, userUnit(binary, config, storage).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot write " + unit + ": " + e.getMessage(), e);
        }
        run(DAEMON_RELOAD, "systemd could not reload the user units");
        run(ENABLE_NOW, "systemd could not start " + UNIT + " (see `journalctl --user -u " + UNIT + "`)");
        return unit;
    }

    /**
     * Runs the official Windows installer silently and elevated (a UAC prompt), for the {@code Alloy} service with
     * this config. Exit 740 means it was not elevated; a declined prompt fails the same way.
     */
    public void runWindowsInstaller(Path installer, Path config) throws InstallException, InterruptedException {
        List<String> command = windowsInstallerCommand(installer, config);
        CommandResult result = runOrFail(command, "cannot start PowerShell to run the installer");
        if (result.exitCode() == 740 || result.stderr().contains("canceled by the user")) {
            throw new InstallException(Kind.FILESYSTEM, "The installer needs administrator rights and the UAC prompt was "
                    + "declined. Run it again and accept the prompt, or install per user instead.");
        }
        if (!result.succeeded()) {
            throw new InstallException(Kind.BROKEN_BINARY, "The Alloy installer failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
    }

    /**
     * Stops the user unit, disables it and deletes it (only a unit this app wrote: its description says so).
     * @return the unit file that was removed, or empty when there was none
     */
    public Optional<Path> removeUserUnit() throws InstallException, InterruptedException {
        Path unit = userUnitFile();
        if (!Files.isRegularFile(unit)) {
            return Optional.empty();
        }
        try {
            if (!Files.readString(unit, StandardCharsets.UTF_8).contains("installed by Alloy Companion")) {
                throw new InstallException(Kind.FILESYSTEM, unit + " was not written by Alloy Companion, so it is left "
                        + "alone. Remove it yourself: systemctl --user disable --now " + UNIT + ", then delete the file.");
            }
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot read " + unit + ": " + e.getMessage(), e);
        }
        run(DISABLE_NOW, "systemd could not stop " + UNIT);
        try {
            Files.delete(unit);
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot delete " + unit + ": " + e.getMessage(), e);
        }
        run(DAEMON_RELOAD, "systemd could not reload the user units");
        return Optional.of(unit);
    }

    /** Where the official Windows installer puts Alloy: {@code %ProgramFiles%\GrafanaLabs\Alloy}. */
    public Path windowsInstallDir() {
        return Path.of(env.variable("ProgramFiles").orElse("C:\\Program Files"), "GrafanaLabs", "Alloy");
    }

    /**
     * Runs the official uninstaller silently and elevated. It deletes its whole folder, config.alloy included, so that
     * file is copied into {@code backups} first.
     * @return where the config was saved, if there was one
     */
    public Optional<Path> runWindowsUninstaller(Path installDir, Path backups) throws InstallException, InterruptedException {
        Path uninstaller = installDir.resolve("uninstall.exe");
        if (!Files.isRegularFile(uninstaller)) {
            throw new InstallException(Kind.NOT_FOUND, "No Alloy service installed by the official installer: "
                    + uninstaller + " does not exist.");
        }
        Optional<Path> saved = Optional.empty();
        Path config = installDir.resolve("config.alloy");
        if (Files.isRegularFile(config)) {
            try {
                Files.createDirectories(backups);
                // A name of its own even when two uninstalls fall in the same millisecond: a backup is never replaced.
                Path copy = backups.resolve("config-" + System.currentTimeMillis() + ".alloy");
                for (int n = 2; Files.exists(copy, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
                    copy = backups.resolve("config-" + System.currentTimeMillis() + "-" + n + ".alloy");
                }
                Files.copy(config, copy, StandardCopyOption.COPY_ATTRIBUTES);
                saved = Optional.of(copy);
            } catch (IOException e) {
                throw new InstallException(Kind.FILESYSTEM, "Cannot back up " + config + " (" + e.getMessage()
                        + "), so the uninstaller, which would delete it, was not run.", e);
            }
        }
        CommandResult result = runOrFail(windowsUninstallerCommand(uninstaller), "cannot start PowerShell to run the uninstaller");
        if (result.exitCode() == 740 || result.stderr().contains("canceled by the user")) {
            throw new InstallException(Kind.FILESYSTEM, "The uninstaller needs administrator rights and the UAC prompt was "
                    + "declined. Nothing was removed.");
        }
        if (!result.succeeded()) {
            throw new InstallException(Kind.BROKEN_BINARY, "The Alloy uninstaller failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return saved;
    }

    static List<String> windowsUninstallerCommand(Path uninstaller) {
        String script = "$p = Start-Process -FilePath '" + uninstaller.toString().replace("'", "''") + "' -ArgumentList "
                + "'/S' -Verb RunAs -Wait -PassThru; exit $p.ExitCode";
        return List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script);
    }

    static List<String> windowsInstallerCommand(Path installer, Path config) {
        String script = "$p = Start-Process -FilePath '" + installer.toString().replace("'", "''") + "' -ArgumentList "
                + "'/S','/CONFIG=" + config.toString().replace("'", "''") + "','/DISABLEREPORTING=yes' "
                + "-Verb RunAs -Wait -PassThru; exit $p.ExitCode";
        return List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script);
    }

    private void run(List<String> command, String whatFailed) throws InstallException, InterruptedException {
        CommandResult result = runOrFail(command, whatFailed);
        if (!result.succeeded()) {
            throw new InstallException(Kind.FILESYSTEM, whatFailed + ": " + result.stderr().strip());
        }
    }

    private CommandResult runOrFail(List<String> command, String whatFailed) throws InstallException, InterruptedException {
        try {
            return runner.run(command, TIMEOUT);
        } catch (IOException e) {
            throw new InstallException(Kind.UNSUPPORTED_PLATFORM, whatFailed + ": " + e.getMessage(), e);
        }
    }
}
