package io.alloycompanion.core.secrets;

import static io.alloycompanion.core.secrets.ServiceSecretTexts.VARIABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.install.ServiceInstaller;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.ServiceSecretChange.Action;
import io.alloycompanion.core.secrets.ServiceSecretChange.Restart;
import io.alloycompanion.core.secrets.ServiceSecretChange.Target;
import io.alloycompanion.core.secrets.ServiceSecretException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the Grafana Cloud token to an Alloy that runs as a service, as the environment variable
 * {@code GCLOUD_RW_API_KEY} that the config reads with {@code sys.env("GCLOUD_RW_API_KEY")}. A service does not
 * inherit the user's shell environment, so each service manager gets it its own way: a systemd drop-in (mode 0600),
 * the Windows installer's registry {@code Environment}, Homebrew's {@code config.env}. The token never travels on a
 * command line (every user can read those), only in owner-only files and on standard input, and never appears in a
 * message.
 */
public final class ServiceSecrets {

    static final List<String> USER_DAEMON_RELOAD = List.of("systemctl", "--user", "daemon-reload");
    static final List<String> USER_TRY_RESTART = List.of("systemctl", "--user", "try-restart", "alloy.service");
    static final List<String> SYSTEM_WRITE = List.of("pkexec", "/bin/sh", "-c", ServiceSecretTexts.SYSTEM_WRITE_SCRIPT);
    static final List<String> SYSTEM_REMOVE = List.of("pkexec", "/bin/sh", "-c", ServiceSecretTexts.SYSTEM_REMOVE_SCRIPT);
    static final List<String> BREW_PREFIX = List.of("brew", "--prefix");
    static final List<String> BREW_SERVICE_INFO = List.of("brew", "services", "info", "alloy", "--json");
    static final List<String> BREW_RESTART = List.of("brew", "services", "restart", "grafana/grafana/alloy");
    static final String REGISTRY_VALUE = ServiceSecretTexts.REGISTRY_KEY + "\\Environment";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceSecrets.class);
    // Long enough for a person to read an administrator prompt and type a password.
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int PKEXEC_DISMISSED = 126;
    private static final int PKEXEC_NOT_AUTHORISED = 127;
    private static final int UAC_DECLINED = 1223;

    private final Environment env;
    private final CommandRunner runner;
    private final Path root;

    public ServiceSecrets(Environment env, CommandRunner runner) {
        this(env, runner, Path.of("/"));
    }

    /** {@code root} stands in for {@code /} when looking whether the system drop-in exists (tests). */
    ServiceSecrets(Environment env, CommandRunner runner, Path root) {
        this.env = env;
        this.runner = runner;
        this.root = root;
    }

    /** The variable the config reads: {@code sys.env("GCLOUD_RW_API_KEY")}. */
    public static String environmentVariable() {
        return VARIABLE;
    }

    /**
     * The entry to add to the environment of an Alloy this app starts itself, for
     * {@code ProcessBuilder.environment().putAll(...)} right before {@code start()}. It goes to that child's
     * environment only, never to this process's or a file. A process environment holds {@code String}s, so this is
     * the one place the token becomes one: build it at the last moment and drop the map as soon as the child runs.
     */
    public static Map<String, String> childProcessEnvironment(Secret token) {
        return Map.of(VARIABLE, token.reveal(String::new));
    }

    // ---- Linux: the app's own systemd user unit ------------------------------------------------------------------

    /** {@code ~/.config/systemd/user/alloy.service.d/credentials.conf}, beside the unit {@link ServiceInstaller} writes. */
    public Path userUnitDropIn() {
        Path unit = new ServiceInstaller(env, runner).userUnitFile();
        return unit.resolveSibling(unit.getFileName() + ".d").resolve("credentials.conf");
    }

    /**
     * Writes the drop-in (mode 0600 from the start), reloads systemd and restarts the unit if it runs. Works before
     * the unit is installed too: it then starts with the token.
     */
    public ServiceSecretChange toUserUnit(Secret token) throws ServiceSecretException, InterruptedException {
        requireUsable(token);
        Path dropIn = userUnitDropIn();
        requireNotCommittable(dropIn);
        byte[] content = token.reveal(ServiceSecretTexts::systemdDropIn);
        try {
            OwnerOnlyFiles.write(dropIn, content);
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot write " + dropIn + ": " + Errors.rootMessage(e)
                    + ". Check that the folder belongs to you and the disk is not full.", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        reloadAndRestartUserUnit(dropIn, "written to");
        return new ServiceSecretChange(Target.SYSTEMD_USER_UNIT, Action.WRITTEN, dropIn.toString(), Restart.RESTARTED_IF_RUNNING);
    }

    /** Deletes the drop-in (and its folder when empty), reloads systemd and restarts the unit if it runs. */
    public ServiceSecretChange removeFromUserUnit() throws ServiceSecretException, InterruptedException {
        Path dropIn = userUnitDropIn();
        if (!Files.exists(dropIn, LinkOption.NOFOLLOW_LINKS)) {
            return new ServiceSecretChange(Target.SYSTEMD_USER_UNIT, Action.NOTHING_TO_REMOVE, dropIn.toString(), Restart.NOT_NEEDED);
        }
        try {
            Files.delete(dropIn);
            Files.deleteIfExists(dropIn.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Other drop-ins the user wrote keep the folder.
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot delete " + dropIn + ": " + Errors.rootMessage(e)
                    + ". Delete it yourself, then run: systemctl --user daemon-reload", e);
        }
        reloadAndRestartUserUnit(dropIn, "removed from");
        return new ServiceSecretChange(Target.SYSTEMD_USER_UNIT, Action.REMOVED, dropIn.toString(), Restart.RESTARTED_IF_RUNNING);
    }

    private void reloadAndRestartUserUnit(Path dropIn, String done) throws ServiceSecretException, InterruptedException {
        CommandResult reload = runOrUnavailable(USER_DAEMON_RELOAD, new byte[0], "systemctl was not found, so this system "
                + "does not run systemd and has no alloy.service user unit");
        if (!reload.succeeded()) {
            throw new ServiceSecretException(Reason.FAILED, "The token was " + done + " " + dropIn + ", but systemd could not "
                    + "reload the user units: " + output(reload) + ". Run `systemctl --user daemon-reload` in your desktop "
                    + "session (\"Failed to connect to bus\" means there is no user session to talk to).");
        }
        CommandResult restart = runOrUnavailable(USER_TRY_RESTART, new byte[0], "systemctl was not found");
        if (!restart.succeeded()) {
            throw new ServiceSecretException(Reason.RESTART_FAILED, "The token was " + done + " " + dropIn + ", but "
                    + "alloy.service did not restart: " + output(restart) + ". See `journalctl --user -u alloy.service`.");
        }
    }

    // ---- Linux: the distribution package's systemd system unit ----------------------------------------------------

    /**
     * Writes {@code /etc/systemd/system/alloy.service.d/credentials.conf} (root's, mode 0600) through pkexec, which asks
     * for an administrator's password; the drop-in goes on pkexec's standard input, the command line holds a fixed
     * script only. Then reloads systemd and restarts {@code alloy.service} if it runs.
     */
    public ServiceSecretChange toSystemUnit(Secret token) throws ServiceSecretException, InterruptedException {
        requireUsable(token);
        byte[] content = token.reveal(ServiceSecretTexts::systemdDropIn);
        try {
            runAsRoot(SYSTEM_WRITE, content, "written to");
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        return new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.WRITTEN, ServiceSecretTexts.SYSTEM_DROP_IN,
                Restart.RESTARTED_IF_RUNNING);
    }

    /**
     * Deletes the system drop-in through pkexec. When the file can be seen not to exist, nothing is run and nobody is
     * asked for a password (its folder, being root's with mode 0700, usually hides it, and then pkexec must look).
     */
    public ServiceSecretChange removeFromSystemUnit() throws ServiceSecretException, InterruptedException {
        Path visible = root.resolve(ServiceSecretTexts.SYSTEM_DROP_IN.substring(1));
        if (Files.notExists(visible, LinkOption.NOFOLLOW_LINKS)) {
            return new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.NOTHING_TO_REMOVE,
                    ServiceSecretTexts.SYSTEM_DROP_IN, Restart.NOT_NEEDED);
        }
        boolean removed = runAsRoot(SYSTEM_REMOVE, new byte[0], "removed from");
        return removed
                ? new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.REMOVED, ServiceSecretTexts.SYSTEM_DROP_IN,
                        Restart.RESTARTED_IF_RUNNING)
                : new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.NOTHING_TO_REMOVE,
                        ServiceSecretTexts.SYSTEM_DROP_IN, Restart.NOT_NEEDED);
    }

    /** @return false when the script found nothing to remove */
    private boolean runAsRoot(List<String> command, byte[] stdin, String done) throws ServiceSecretException, InterruptedException {
        String file = ServiceSecretTexts.SYSTEM_DROP_IN;
        CommandResult result = runOrUnavailable(command, stdin, "pkexec (polkit) is not installed, so the app cannot ask "
                + "for administrator rights. Install polkit's pkexec, or as root put the line "
                + "Environment=\"" + VARIABLE + "=<token>\" under [Service] in " + file + " (mode 0600), then run "
                + "systemctl daemon-reload and systemctl try-restart alloy.service");
        if (result.timedOut()) {
            throw new ServiceSecretException(Reason.CANCELLED, "The administrator prompt was not answered within "
                    + TIMEOUT.toMinutes() + " minutes, so nothing was changed. Try again.");
        }
        switch (result.exitCode()) {
            case 0:
                return true;
            case ServiceSecretTexts.NOTHING_TO_REMOVE:
                return false;
            case PKEXEC_DISMISSED:
            case PKEXEC_NOT_AUTHORISED:
                throw new ServiceSecretException(Reason.CANCELLED, "Cancelled by the user: the administrator prompt was "
                        + "dismissed, or this account may not approve it, so nothing was changed. Try again and enter an "
                        + "administrator's password, or ask an administrator to do it.");
            case ServiceSecretTexts.WRITE_FAILED:
                throw new ServiceSecretException(Reason.FILESYSTEM, "The token could not be " + done + " " + file + ": "
                        + output(result) + ".");
            case ServiceSecretTexts.RELOAD_FAILED:
                throw new ServiceSecretException(Reason.FAILED, "The token was " + done + " " + file + ", but systemd could "
                        + "not reload its units: " + output(result) + ". Run `sudo systemctl daemon-reload`.");
            case ServiceSecretTexts.RESTART_FAILED:
                throw new ServiceSecretException(Reason.RESTART_FAILED, "The token was " + done + " " + file + ", but "
                        + "alloy.service did not restart: " + output(result) + ". See `journalctl -u alloy.service`.");
            default:
                throw new ServiceSecretException(Reason.FAILED, "pkexec failed (exit " + result.exitCode() + "): "
                        + output(result) + ". Nothing may have changed in " + file + ".");
        }
    }

    // ---- Windows: the service of the official installer -----------------------------------------------------------

    /**
     * Sets {@code GCLOUD_RW_API_KEY} in the registry value {@code HKLM\Software\GrafanaLabs\Alloy\Environment} (64-bit
     * view) that the service wrapper reads, keeping its other lines, and restarts the service {@code Alloy} if it runs.
     * Needs administrator rights (a UAC prompt). The elevated PowerShell reads the token from a one-shot owner-only file
     * in {@code workDirectory} (the app's data folder), deleted here whatever happens.
     */
    public ServiceSecretChange toWindowsService(Secret token, Path workDirectory) throws ServiceSecretException, InterruptedException {
        requireUsable(token);
        requireNotCommittable(workDirectory);
        List<Path> oneShot = new ArrayList<>();
        ServiceSecretChange change;
        boolean done = false;
        try {
            byte[] bytes = token.reveal(ServiceSecretTexts::tokenFile);
            Path tokenFile;
            try {
                tokenFile = OwnerOnlyFiles.createTemp(workDirectory, "service-token-", ".txt", bytes);
            } catch (IOException e) {
                throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot write the one-shot token file in " + workDirectory
                        + ": " + Errors.rootMessage(e) + ". Check that the folder belongs to you and the disk is not full.", e);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            oneShot.add(tokenFile);
            change = runWindowsScript(workDirectory, ServiceSecretTexts.windowsWriteScript(tokenFile), Action.WRITTEN, oneShot);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(oneShot);
            }
        }
        deleteOrFail(oneShot);
        return change;
    }

    /** Takes {@code GCLOUD_RW_API_KEY} out of the service's registry environment, keeping the other lines. Elevated. */
    public ServiceSecretChange removeFromWindowsService(Path workDirectory) throws ServiceSecretException, InterruptedException {
        List<Path> oneShot = new ArrayList<>();
        ServiceSecretChange change;
        boolean done = false;
        try {
            change = runWindowsScript(workDirectory, ServiceSecretTexts.windowsRemoveScript(), Action.REMOVED, oneShot);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(oneShot);
            }
        }
        deleteOrFail(oneShot);
        return change;
    }

    /**
     * The script goes in a file (it is too long for an elevated command line) with the folder's usual permissions: it
     * holds no secret, and an administrator approving the prompt for a standard user must be able to read it.
     */
    private ServiceSecretChange runWindowsScript(Path workDirectory, String script, Action action, List<Path> oneShot)
            throws ServiceSecretException, InterruptedException {
        Path scriptFile;
        try {
            Files.createDirectories(workDirectory);
            scriptFile = Files.createTempFile(workDirectory, "service-environment-", ".ps1");
            oneShot.add(scriptFile);
            Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot write a script to " + workDirectory + ": "
                    + Errors.rootMessage(e) + ".", e);
        }
        CommandResult result = runOrUnavailable(ServiceSecretTexts.windowsElevatedCommand(scriptFile), new byte[0],
                "PowerShell (powershell.exe) could not be started");
        if (result.timedOut()) {
            throw new ServiceSecretException(Reason.CANCELLED, "The UAC prompt was not answered within "
                    + TIMEOUT.toMinutes() + " minutes, so nothing was changed. Try again.");
        }
        String changed = action == Action.WRITTEN ? "The token was saved in " : "The token was removed from ";
        switch (result.exitCode()) {
            case 0:
                return new ServiceSecretChange(Target.WINDOWS_SERVICE, action, REGISTRY_VALUE, Restart.RESTARTED);
            case ServiceSecretTexts.WINDOWS_NOT_RUNNING:
                return new ServiceSecretChange(Target.WINDOWS_SERVICE, action, REGISTRY_VALUE, Restart.NOT_RUNNING);
            case ServiceSecretTexts.NOTHING_TO_REMOVE:
                return new ServiceSecretChange(Target.WINDOWS_SERVICE, Action.NOTHING_TO_REMOVE, REGISTRY_VALUE, Restart.NOT_NEEDED);
            case ServiceSecretTexts.WINDOWS_NOT_INSTALLED:
                throw new ServiceSecretException(Reason.NOT_INSTALLED, "The registry key " + ServiceSecretTexts.REGISTRY_KEY
                        + " does not exist, so the Alloy service of the official installer is not installed. Install it "
                        + "first (Install step, \"as a Windows service\").");
            case ServiceSecretTexts.WINDOWS_TOKEN_UNREADABLE:
                throw new ServiceSecretException(Reason.FILESYSTEM, "The elevated PowerShell could not read the one-shot "
                        + "token file, so nothing was changed. This happens when the prompt is approved with another "
                        + "account's password: that account cannot read your files. Sign in as an administrator and try again.");
            case ServiceSecretTexts.WINDOWS_RESTART_FAILED:
                throw new ServiceSecretException(Reason.RESTART_FAILED, changed + REGISTRY_VALUE + ", but the service Alloy "
                        + "did not restart. Look in Event Viewer (Windows Logs > Application, source Alloy), then start it "
                        + "in Services.");
            case UAC_DECLINED:
                throw cancelledByUac();
            default:
                if (result.stderr().contains("canceled by the user")) {
                    throw cancelledByUac();
                }
                throw new ServiceSecretException(Reason.FAILED, "Changing the Alloy service's environment failed (exit "
                        + result.exitCode() + "): " + output(result) + ".");
        }
    }

    private static ServiceSecretException cancelledByUac() {
        return new ServiceSecretException(Reason.CANCELLED, "Cancelled by the user: the UAC prompt was declined, so nothing "
                + "was changed. Try again and accept the prompt.");
    }

    private static void deleteOrFail(List<Path> oneShot) throws ServiceSecretException {
        for (Path file : oneShot) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ServiceSecretException(Reason.FILESYSTEM, "The change was made, but the one-shot file " + file
                        + " could not be deleted (" + Errors.rootMessage(e) + "). Delete it yourself: it may hold the token.", e);
            }
        }
    }

    private static void deleteQuietly(List<Path> oneShot) {
        for (Path file : oneShot) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The failure being reported matters more; the leftover is named in the log so it can be found.
                LOG.warn("Could not delete the one-shot file {}: {}", file, Errors.rootMessage(e));
            }
        }
    }

    // ---- macOS: Homebrew ------------------------------------------------------------------------------------------

    /**
     * Adds or replaces the token line in {@code $(brew --prefix)/etc/alloy/config.env} (which the formula's wrapper
     * sources), keeping the other lines, mode 0600; restarts {@code brew services}' Alloy if it runs.
     */
    public ServiceSecretChange toHomebrewService(Secret token) throws ServiceSecretException, InterruptedException {
        requireUsable(token);
        Path envFile = homebrewEnvFile();
        requireNotCommittable(envFile);
        String existing = readIfExists(envFile);
        writeHomebrewEnv(envFile, token.reveal(chars -> ServiceSecretTexts.homebrewEnv(existing, chars)));
        return new ServiceSecretChange(Target.HOMEBREW_SERVICE, Action.WRITTEN, envFile.toString(),
                restartHomebrewIfRunning(envFile, "written to"));
    }

    /** Takes the token line out of Homebrew's config.env, keeping the other lines; restarts the service if it runs. */
    public ServiceSecretChange removeFromHomebrewService() throws ServiceSecretException, InterruptedException {
        Path envFile = homebrewEnvFile();
        String existing = readIfExists(envFile);
        if (!ServiceSecretTexts.hasToken(existing)) {
            return new ServiceSecretChange(Target.HOMEBREW_SERVICE, Action.NOTHING_TO_REMOVE, envFile.toString(), Restart.NOT_NEEDED);
        }
        writeHomebrewEnv(envFile, ServiceSecretTexts.withoutToken(existing).getBytes(StandardCharsets.UTF_8));
        return new ServiceSecretChange(Target.HOMEBREW_SERVICE, Action.REMOVED, envFile.toString(),
                restartHomebrewIfRunning(envFile, "removed from"));
    }

    private Path homebrewEnvFile() throws ServiceSecretException, InterruptedException {
        CommandResult prefix = runOrUnavailable(BREW_PREFIX, new byte[0], "Homebrew (brew) was not found. Install Alloy "
                + "with Homebrew first: brew install grafana/grafana/alloy");
        if (!prefix.succeeded() || prefix.stdout().isBlank()) {
            throw new ServiceSecretException(Reason.FAILED, "`brew --prefix` failed: " + output(prefix) + ".");
        }
        Path etc = Path.of(prefix.stdout().strip()).resolve("etc").resolve("alloy");
        if (!Files.isDirectory(etc)) {
            throw new ServiceSecretException(Reason.NOT_INSTALLED, "Homebrew's Alloy is not installed (" + etc + " does not "
                    + "exist). Install it with: brew install grafana/grafana/alloy");
        }
        return etc.resolve("config.env");
    }

    private static String readIfExists(Path file) throws ServiceSecretException {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot read " + file + ": " + Errors.rootMessage(e) + ".", e);
        }
    }

    private static void writeHomebrewEnv(Path envFile, byte[] content) throws ServiceSecretException {
        try {
            OwnerOnlyFiles.write(envFile, content);
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.FILESYSTEM, "Cannot write " + envFile + ": " + Errors.rootMessage(e)
                    + ". Check that Homebrew's folders belong to you.", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private Restart restartHomebrewIfRunning(Path envFile, String done) throws ServiceSecretException, InterruptedException {
        String next = ". Restart it yourself: brew services restart grafana/grafana/alloy";
        CommandResult info = runOrUnavailable(BREW_SERVICE_INFO, new byte[0], "brew was not found");
        Optional<Boolean> running = info.succeeded() ? runningFlag(info.stdout()) : Optional.empty();
        if (running.isEmpty()) {
            throw new ServiceSecretException(Reason.RESTART_FAILED, "The token was " + done + " " + envFile + ", but "
                    + "`brew services info alloy` did not say whether the service runs: " + output(info) + next);
        }
        if (!running.get()) {
            return Restart.NOT_RUNNING;
        }
        CommandResult restart = runOrUnavailable(BREW_RESTART, new byte[0], "brew was not found");
        if (!restart.succeeded()) {
            throw new ServiceSecretException(Reason.RESTART_FAILED, "The token was " + done + " " + envFile + ", but the "
                    + "service did not restart: " + output(restart) + next);
        }
        return Restart.RESTARTED;
    }

    /** {@code brew services info --json}: an array with one object (older versions: the object), {@code running}. */
    private static Optional<Boolean> runningFlag(String json) {
        try {
            JsonNode services = new ObjectMapper().readTree(json);
            JsonNode service = services != null && services.isArray() ? services.path(0) : services;
            JsonNode running = service == null ? null : service.get("running");
            return running != null && running.isBoolean() ? Optional.of(running.booleanValue()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- common -------------------------------------------------------------------------------------------------------

    private static void requireUsable(Secret token) throws ServiceSecretException {
        if (token.reveal(ServiceSecretTexts::unusable)) {
            throw new ServiceSecretException(Reason.INVALID_TOKEN, "The token is empty or contains a line break or another "
                    + "control character, which a service's environment cannot carry. Copy the token again from Grafana "
                    + "Cloud and paste it on its own.");
        }
    }

    /**
     * A token must never land where {@code git add .} picks it up. Some keep {@code ~/.config} in git, and on Apple
     * silicon Homebrew's prefix is itself a git work tree (that one ignores {@code etc/}); so a path inside a work tree
     * is fine only when git says it is ignored there.
     */
    private void requireNotCommittable(Path path) throws ServiceSecretException, InterruptedException {
        Optional<Path> workTree = GitWorkTrees.containing(path);
        if (workTree.isEmpty()) {
            return;
        }
        List<String> check = List.of("git", "-C", workTree.get().toString(), "check-ignore", "-q", "--", path.toString());
        boolean ignored;
        try {
            ignored = runner.run(check, Duration.ofSeconds(30)).succeeded();
        } catch (IOException e) {
            ignored = false;
        }
        if (!ignored) {
            throw new ServiceSecretException(Reason.IN_GIT_WORK_TREE, path + " is inside the git work tree " + workTree.get()
                    + " and not ignored there, so a commit could pick up the token. Add it to that repository's "
                    + ".git/info/exclude (or .gitignore), then try again.");
        }
    }

    private CommandResult runOrUnavailable(List<String> command, byte[] stdin, String unavailable)
            throws ServiceSecretException, InterruptedException {
        try {
            return runner.run(command, stdin, TIMEOUT);
        } catch (IOException e) {
            throw new ServiceSecretException(Reason.UNAVAILABLE, unavailable + ".", e);
        }
    }

    /** What a command said, masked: it never should echo the token, but a message must not be where that is tested. */
    private static String output(CommandResult result) {
        String text = result.stderr().isBlank() ? result.stdout() : result.stderr();
        text = text.strip();
        return Redactor.global().redact(text.isEmpty() ? "exit " + result.exitCode() : text);
    }
}
