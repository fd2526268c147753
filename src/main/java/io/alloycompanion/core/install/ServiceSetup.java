package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.ServiceSecretChange;
import io.alloycompanion.core.secrets.ServiceSecretException;
import io.alloycompanion.core.secrets.ServiceSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Installs Alloy to run as a service, the way each OS does it best: Linux — the per-user install plus a systemd user
 * unit; Windows — Grafana's official installer (verified like any download), silently and elevated. macOS has
 * Homebrew for this ({@code brew services}); it is offered as a package manager instead. A service does not inherit
 * the user's environment (FACTS.md §9), so the Grafana Cloud token, when there is one, is then handed to the service
 * itself: the user unit's 0600 drop-in, or the registry {@code Environment} the Windows service wrapper reads.
 */
public final class ServiceSetup {

    static final String WINDOWS_INSTALLER = "alloy-installer-windows-amd64.exe";

    private final Environment env;
    private final CommandRunner runner;

    public ServiceSetup(Environment env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    public static boolean supported(OperatingSystem os) {
        return os == OperatingSystem.LINUX || os == OperatingSystem.WINDOWS;
    }

    /**
     * Removes the service this app set up: Linux — the systemd user unit (the per-user install stays; remove it with
     * uninstall --all); Windows — the official uninstaller, after saving its config.alloy into {@code backups}.
     * @return a sentence saying what was removed and where the config was saved
     */
    public String uninstall(Path backups) throws InstallException, InterruptedException {
        ServiceInstaller services = new ServiceInstaller(env, runner);
        switch (env.os()) {
            case LINUX:
                return services.removeUserUnit().map(unit -> "Stopped and removed the systemd user service (" + unit + ").")
                        .orElse("No systemd user service from Alloy Companion to remove.");
            case WINDOWS: {
                Optional<Path> saved = services.runWindowsUninstaller(services.windowsInstallDir(), backups);
                return "Removed the Windows service Alloy." + saved.map(copy -> " Its config.alloy was saved as " + copy + ".")
                        .orElse("");
            }
            default:
                throw new InstallException(Kind.UNSUPPORTED_PLATFORM, "On macOS the service is Homebrew's: "
                        + "brew services stop grafana/grafana/alloy, then brew uninstall grafana/grafana/alloy.");
        }
    }

    /**
     * @param token the active profile's Grafana Cloud token, handed to the service once it is installed; empty when
     *              there is none yet (the sentence then says how to hand it over later)
     * @param workDirectory the app's data folder, for the one-shot file the elevated Windows script reads
     * @return a sentence saying what now runs Alloy, and where its token is
     */
    public String install(AlloyInstaller installer, Optional<String> version, Path installDir, Path config, Path storage,
                          Optional<Secret> token, Path workDirectory, InstallListener listener, BooleanSupplier cancelled)
            throws InstallException, InterruptedException {
        if (!Files.isRegularFile(config)) {
            throw new InstallException(Kind.NOT_FOUND, "The service needs a config, and " + config + " does not exist. "
                    + "Write one first (the Config screen, or alloy-companion config generate --out " + config + ").");
        }
        ServiceInstaller services = new ServiceInstaller(env, runner);
        switch (env.os()) {
            case LINUX: {
                InstallResult installed = installer.install(version, installDir, listener, cancelled);
                listener.step(InstallEvent.of(InstallEvent.What.WRITING_UNIT));
                Path unit = services.installUserUnit(installDir.resolve("bin").resolve("alloy"), config, storage);
                return "Alloy " + installed.version() + " runs as the systemd user service alloy.service (" + unit + "). "
                        + handToken(token, workDirectory, listener);
            }
            case WINDOWS: {
                String tag = installer.resolveTag(version, listener);
                Path exe;
                try {
                    exe = Files.createTempDirectory("alloy-installer").resolve(WINDOWS_INSTALLER);
                } catch (IOException e) {
                    throw new InstallException(Kind.FILESYSTEM, "Cannot create a temporary folder: " + e.getMessage(), e);
                }
                installer.downloadVerified(tag, WINDOWS_INSTALLER, exe, listener, cancelled);
                listener.step(InstallEvent.of(InstallEvent.What.RUNNING_INSTALLER));
                services.runWindowsInstaller(exe, config);
                return "Alloy " + tag + " runs as the Windows service Alloy, with " + config + ". "
                        + handToken(token, workDirectory, listener);
            }
            default:
                throw new InstallException(Kind.UNSUPPORTED_PLATFORM, "On macOS, run Alloy as a service with Homebrew: "
                        + "brew install grafana/grafana/alloy, then brew services start grafana/grafana/alloy.");
        }
    }

    /**
     * Hands the token to the service just installed. The service runs either way, so a failure here is reported in the
     * sentence with the command that retries it, not thrown.
     */
    String handToken(Optional<Secret> token, Path workDirectory, InstallListener listener) throws InterruptedException {
        String target = env.os() == OperatingSystem.WINDOWS ? "windows-service" : "user-service";
        String retry = "alloy-companion credentials deliver --to " + target;
        if (token.isEmpty()) {
            return "It has no Grafana Cloud token yet: save your credentials, then hand the token over with " + retry + ".";
        }
        listener.step(InstallEvent.of(InstallEvent.What.HANDING_TOKEN));
        ServiceSecrets secrets = new ServiceSecrets(env, runner);
        try {
            ServiceSecretChange change = env.os() == OperatingSystem.WINDOWS
                    ? secrets.toWindowsService(token.get(), workDirectory) : secrets.toUserUnit(token.get());
            String where = env.os() == OperatingSystem.WINDOWS ? ", the registry value the service wrapper reads"
                    : " (mode 0600, readable by you only)";
            return "Its token (" + ServiceSecrets.environmentVariable() + ") is in " + change.location() + where
                    + (change.restart() == ServiceSecretChange.Restart.NOT_RUNNING
                    ? "; the service uses it when it next starts." : "; the service was restarted to use it.");
        } catch (ServiceSecretException e) {
            return "The token could not be handed to it: " + e.getMessage() + " Retry with " + retry + ".";
        }
    }
}
