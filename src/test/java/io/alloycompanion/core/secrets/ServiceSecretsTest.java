package io.alloycompanion.core.secrets;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.ServiceSecretChange.Action;
import io.alloycompanion.core.secrets.ServiceSecretChange.Restart;
import io.alloycompanion.core.secrets.ServiceSecretChange.Target;
import io.alloycompanion.core.secrets.ServiceSecretException.Reason;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceSecretsTest {

    static final String TOKEN = FakeTokens.cloud("1000000", "stack-test", "prod-us-east-0");
    static final String HEADER = "# Written by Alloy Companion: the Grafana Cloud token for sys.env(\"GCLOUD_RW_API_KEY\"). "
            + "Keep this file mode 0600.\n";
    static final List<String> RELOAD = List.of("systemctl", "--user", "daemon-reload");
    static final List<String> TRY_RESTART = List.of("systemctl", "--user", "try-restart", "alloy.service");

    @TempDir
    Path home;

    Secret token;

    @BeforeEach
    void posixFileSystem() throws Exception {
        assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"), "asserts file modes");
        token = Secret.of(TOKEN.toCharArray());
    }

    @AfterEach
    void wipe() {
        if (token != null) {
            token.close();
        }
    }

    private Environment linux(Map<String, String> variables) {
        return new Environment(OperatingSystem.LINUX, Architecture.AMD64, variables, home);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static void assertNoArgumentHolds(FakeCommandRunner runner, String secret) {
        assertThat(runner.commands()).allSatisfy(command -> assertThat(command).noneMatch(arg -> arg.contains(secret)));
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void theVariableAndTheChildEnvironment() {
        assertThat(ServiceSecrets.environmentVariable()).isEqualTo("GCLOUD_RW_API_KEY");
        assertThat(ServiceSecrets.childProcessEnvironment(token)).containsExactly(Map.entry("GCLOUD_RW_API_KEY", TOKEN));
    }

    // ---- systemd user unit ----------------------------------------------------------------------------------------

    @Test
    void userUnitGetsAnOwnerOnlyDropInThenReloadAndTryRestart() throws Exception {
        var runner = new FakeCommandRunner().answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");

        ServiceSecretChange change = new ServiceSecrets(linux(Map.of()), runner).toUserUnit(token);

        Path dropIn = home.resolve(".config/systemd/user/alloy.service.d/credentials.conf");
        assertThat(change).isEqualTo(new ServiceSecretChange(Target.SYSTEMD_USER_UNIT, Action.WRITTEN, dropIn.toString(),
                Restart.RESTARTED_IF_RUNNING));
        assertThat(dropIn).hasContent(HEADER + "[Service]\nEnvironment=\"GCLOUD_RW_API_KEY=" + TOKEN + "\"");
        assertThat(Files.readString(dropIn)).endsWith("\"\n");
        assertThat(mode(dropIn)).isEqualTo("rw-------");
        assertThat(filesIn(dropIn.getParent())).as("no temporary file left").containsExactly(dropIn);
        assertThat(runner.commands()).containsExactly(RELOAD, TRY_RESTART);
        assertNoArgumentHolds(runner, TOKEN);
    }

    @Test
    void theDropInIsBesideTheUnitServiceInstallerWrites() {
        var env = linux(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()));
        assertThat(new ServiceSecrets(env, new FakeCommandRunner()).userUnitDropIn())
                .isEqualTo(new io.alloycompanion.core.install.ServiceInstaller(env, new FakeCommandRunner()).userUnitFile()
                        .resolveSibling("alloy.service.d").resolve("credentials.conf"))
                .isEqualTo(home.resolve("xdg/systemd/user/alloy.service.d/credentials.conf"));
    }

    @Test
    void systemdQuotingEscapesBackslashAndQuoteAndDoublesPercent() throws Exception {
        var runner = new FakeCommandRunner().answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");
        try (Secret odd = Secret.of("glc_a%b\"c\\d$e'f".toCharArray())) {
            new ServiceSecrets(linux(Map.of()), runner).toUserUnit(odd);
        }
        assertThat(home.resolve(".config/systemd/user/alloy.service.d/credentials.conf"))
                .hasContent(HEADER + "[Service]\nEnvironment=\"GCLOUD_RW_API_KEY=glc_a%%b\\\"c\\\\d$e'f\"");
    }

    @Test
    void aWorldReadableDropInIsReplacedByAnOwnerOnlyOne() throws Exception {
        Path dropIn = home.resolve(".config/systemd/user/alloy.service.d/credentials.conf");
        Files.createDirectories(dropIn.getParent());
        Files.writeString(dropIn, "[Service]\nEnvironment=\"GCLOUD_RW_API_KEY=old\"\n");
        Files.setPosixFilePermissions(dropIn, PosixFilePermissions.fromString("rw-r--r--"));
        var runner = new FakeCommandRunner().answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");

        new ServiceSecrets(linux(Map.of()), runner).toUserUnit(token);

        assertThat(mode(dropIn)).isEqualTo("rw-------");
        assertThat(Files.readString(dropIn)).contains(TOKEN).doesNotContain("=old");
        assertThat(dropIn.resolveSibling("credentials.conf.bak")).as("no second copy of a secret").doesNotExist();
    }

    @Test
    void removingFromTheUserUnitDeletesTheDropInAndItsEmptyFolder() throws Exception {
        var runner = new FakeCommandRunner().answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");
        var secrets = new ServiceSecrets(linux(Map.of()), runner);
        Path dropIn = secrets.userUnitDropIn();
        secrets.toUserUnit(token);

        assertThat(secrets.removeFromUserUnit()).isEqualTo(new ServiceSecretChange(Target.SYSTEMD_USER_UNIT, Action.REMOVED,
                dropIn.toString(), Restart.RESTARTED_IF_RUNNING));
        assertThat(dropIn.getParent()).doesNotExist();
        assertThat(runner.commands()).containsExactly(RELOAD, TRY_RESTART, RELOAD, TRY_RESTART);

        assertThat(secrets.removeFromUserUnit()).isEqualTo(new ServiceSecretChange(Target.SYSTEMD_USER_UNIT,
                Action.NOTHING_TO_REMOVE, dropIn.toString(), Restart.NOT_NEEDED));
        assertThat(runner.commands()).as("nothing to reload").hasSize(4);

        secrets.toUserUnit(token);
        Files.writeString(dropIn.resolveSibling("limits.conf"), "[Service]\nMemoryMax=1G\n");
        secrets.removeFromUserUnit();
        assertThat(dropIn).doesNotExist();
        assertThat(dropIn.resolveSibling("limits.conf")).as("the user's own drop-in stays").exists();
    }

    @Test
    void aFailedRestartSaysTheTokenIsSavedAndWhereToLook() {
        var runner = new FakeCommandRunner().answer(RELOAD, 0, "")
                .answer(TRY_RESTART, new CommandResult(1, "", "Job for alloy.service failed because the control process "
                        + "exited with error code.", false));
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), runner).toUserUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RESTART_FAILED))
                .hasMessageContaining("The token was written to " + home.resolve(".config/systemd/user/alloy.service.d/credentials.conf"))
                .hasMessageContaining("journalctl --user -u alloy.service")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void withoutSystemdNothingCanReload() {
        var runner = new FakeCommandRunner();
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), runner).toUserUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("systemctl was not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glc_abc\ndef", "glc_abc\rdef", "glc_abc\u0000def", "   "})
    void aTokenAServiceCannotCarryIsRefusedBeforeAnythingIsWritten(String value) {
        var runner = new FakeCommandRunner();
        try (Secret bad = Secret.of(value.toCharArray())) {
            assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), runner).toUserUnit(bad))
                    .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN))
                    .hasMessageContaining("Copy the token again");
        }
        assertThat(home.resolve(".config")).doesNotExist();
        assertThat(runner.commands()).isEmpty();
    }

    @Test
    void insideAGitWorkTreeTheDropInMustBeIgnoredThere() throws Exception {
        Path dotfiles = Files.createDirectories(home.resolve(".config"));
        Files.createDirectories(dotfiles.resolve(".git"));
        Path dropIn = dotfiles.resolve("systemd/user/alloy.service.d/credentials.conf");
        List<String> checkIgnore = List.of("git", "-C", dotfiles.toString(), "check-ignore", "-q", "--", dropIn.toString());

        var tracked = new FakeCommandRunner().answer(checkIgnore, 1, "");
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), tracked).toUserUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IN_GIT_WORK_TREE))
                .hasMessageContaining(".git/info/exclude");
        assertThat(dropIn).doesNotExist();
        assertThat(tracked.commands()).containsExactly(checkIgnore);

        var ignored = new FakeCommandRunner().answer(checkIgnore, 0, "").answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");
        new ServiceSecrets(linux(Map.of()), ignored).toUserUnit(token);
        assertThat(dropIn).exists();
        assertThat(ignored.commands()).containsExactly(checkIgnore, RELOAD, TRY_RESTART);
    }

    // ---- systemd system unit through pkexec -------------------------------------------------------------------------

    static final String ROOT_WRITE = "umask 077 && mkdir -p /etc/systemd/system/alloy.service.d"
            + " && rm -f /etc/systemd/system/alloy.service.d/.credentials.conf.new"
            + " && cat > /etc/systemd/system/alloy.service.d/.credentials.conf.new"
            + " && mv -f /etc/systemd/system/alloy.service.d/.credentials.conf.new /etc/systemd/system/alloy.service.d/credentials.conf"
            + " || exit 20; systemctl daemon-reload || exit 21; systemctl try-restart alloy.service || exit 22";
    static final String ROOT_REMOVE = "test -e /etc/systemd/system/alloy.service.d/credentials.conf || exit 23"
            + "; rm -f /etc/systemd/system/alloy.service.d/credentials.conf || exit 20"
            + "; rmdir /etc/systemd/system/alloy.service.d 2>/dev/null"
            + "; systemctl daemon-reload || exit 21; systemctl try-restart alloy.service || exit 22";

    @Test
    void systemUnitGetsTheDropInThroughPkexecOnStandardInput() throws Exception {
        List<String> pkexec = List.of("pkexec", "/bin/sh", "-c", ROOT_WRITE);
        var runner = new FakeCommandRunner().answer(pkexec, 0, "");

        ServiceSecretChange change = new ServiceSecrets(linux(Map.of()), runner, home).toSystemUnit(token);

        assertThat(change).isEqualTo(new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.WRITTEN,
                "/etc/systemd/system/alloy.service.d/credentials.conf", Restart.RESTARTED_IF_RUNNING));
        assertThat(runner.commands()).containsExactly(pkexec);
        assertThat(runner.stdins()).containsExactly(HEADER + "[Service]\nEnvironment=\"GCLOUD_RW_API_KEY=" + TOKEN + "\"\n");
        assertNoArgumentHolds(runner, TOKEN);
    }

    @ParameterizedTest
    @ValueSource(ints = {126, 127})
    void aDismissedOrRefusedPolkitPromptIsACancel(int exit) {
        var runner = new FakeCommandRunner().answer(List.of("pkexec", "/bin/sh", "-c", ROOT_WRITE),
                new CommandResult(exit, "", "Error executing command as another user: Request dismissed", false));
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), runner, home).toSystemUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED))
                .hasMessageStartingWith("Cancelled by the user").hasMessageContaining("nothing was changed");
    }

    @Test
    void eachFailingRootStepIsNamed() {
        List<String> pkexec = List.of("pkexec", "/bin/sh", "-c", ROOT_WRITE);
        var restart = new FakeCommandRunner().answer(pkexec, new CommandResult(22, "", "Job for alloy.service failed.", false));
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), restart, home).toSystemUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RESTART_FAILED))
                .hasMessageContaining("journalctl -u alloy.service").hasMessageContaining("Job for alloy.service failed.");
        var write = new FakeCommandRunner().answer(pkexec, new CommandResult(20, "", "mkdir: Read-only file system", false));
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), write, home).toSystemUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FILESYSTEM))
                .hasMessageContaining("could not be written to /etc/systemd/system/alloy.service.d/credentials.conf");
        assertThatThrownBy(() -> new ServiceSecrets(linux(Map.of()), new FakeCommandRunner(), home).toSystemUnit(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("pkexec").message().doesNotContain(TOKEN);
    }

    @Test
    void removingFromTheSystemUnitAsksOnlyWhenTheDropInMayExist() throws Exception {
        List<String> pkexec = List.of("pkexec", "/bin/sh", "-c", ROOT_REMOVE);
        var runner = new FakeCommandRunner().answer(pkexec, 0, "");
        var secrets = new ServiceSecrets(linux(Map.of()), runner, home);
        String file = "/etc/systemd/system/alloy.service.d/credentials.conf";

        assertThat(secrets.removeFromSystemUnit())
                .isEqualTo(new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.NOTHING_TO_REMOVE, file, Restart.NOT_NEEDED));
        assertThat(runner.commands()).as("no password prompt for nothing").isEmpty();

        Path visible = Files.createDirectories(home.resolve("etc/systemd/system/alloy.service.d")).resolve("credentials.conf");
        Files.writeString(visible, "[Service]\n");
        assertThat(secrets.removeFromSystemUnit())
                .isEqualTo(new ServiceSecretChange(Target.SYSTEMD_SYSTEM_UNIT, Action.REMOVED, file, Restart.RESTARTED_IF_RUNNING));
        assertThat(runner.commands()).containsExactly(pkexec);
        assertThat(runner.stdins()).containsExactly("");

        var gone = new FakeCommandRunner().answer(pkexec, 23, "");
        assertThat(new ServiceSecrets(linux(Map.of()), gone, home).removeFromSystemUnit().action()).isEqualTo(Action.NOTHING_TO_REMOVE);
    }

    // ---- Windows service of the official installer -------------------------------------------------------------------

    private Environment windows() {
        return new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
    }

    private static final Pattern ENCODED = Pattern.compile("'-EncodedCommand','([A-Za-z0-9+/=]+)'");
    private static final Pattern READ_ALL_TEXT = Pattern.compile("ReadAllText\\('([^']+)'\\)");

    private static boolean isElevatedPowerShell(List<String> command) {
        return command.size() == 5 && command.get(0).equals("powershell.exe");
    }

    /** What the elevated PowerShell runs: the loader decoded from the command line. */
    private static String loaderOf(List<String> command) {
        Matcher matcher = ENCODED.matcher(command.get(4));
        assertThat(matcher.find()).isTrue();
        return new String(Base64.getDecoder().decode(matcher.group(1)), StandardCharsets.UTF_16LE);
    }

    private static Path fileReadBy(String powerShell) {
        Matcher matcher = READ_ALL_TEXT.matcher(powerShell);
        assertThat(matcher.find()).isTrue();
        return Path.of(matcher.group(1));
    }

    @Test
    void windowsReadsTheTokenFromAnOwnerOnlyOneShotFileThatIsGoneAfterwards() throws Exception {
        Path data = home.resolve("AppData/Local/AlloyCompanion/data");
        List<String> seen = new ArrayList<>();
        var runner = new FakeCommandRunner().answer(ServiceSecretsTest::isElevatedPowerShell, new CommandResult(0, "", "", false))
                .whileRunning(command -> {
                    try {
                        String loader = loaderOf(command);
                        Path script = fileReadBy(loader);
                        assertThat(loader).isEqualTo("& ([scriptblock]::Create([IO.File]::ReadAllText('" + script + "')))");
                        assertThat(command).isEqualTo(ServiceSecretTexts.windowsElevatedCommand(script));
                        String text = Files.readString(script);
                        Path tokenFile = fileReadBy(text);
                        assertThat(text).isEqualTo(ServiceSecretTexts.windowsWriteScript(tokenFile)).doesNotContain(TOKEN);
                        assertThat(tokenFile).hasContent(TOKEN).hasParent(data);
                        assertThat(mode(tokenFile)).isEqualTo("rw-------");
                        seen.add(loader);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });

        ServiceSecretChange change = new ServiceSecrets(windows(), runner).toWindowsService(token, data);

        assertThat(seen).hasSize(1);
        assertThat(change).isEqualTo(new ServiceSecretChange(Target.WINDOWS_SERVICE, Action.WRITTEN,
                "HKLM\\Software\\GrafanaLabs\\Alloy\\Environment", Restart.RESTARTED));
        assertThat(runner.commands()).hasSize(1);
        assertNoArgumentHolds(runner, TOKEN);
        assertThat(loaderOf(runner.commands().get(0))).doesNotContain(TOKEN);
        assertThat(filesIn(data)).as("the one-shot files are gone").isEmpty();
    }

    @Test
    void theElevatedCommandIsExact() {
        Path script = Path.of("C:\\Users\\O’Brien\\AppData\\Local\\AlloyCompanion\\data\\service-environment-1.ps1");
        List<String> command = ServiceSecretTexts.windowsElevatedCommand(script);
        String loader = "& ([scriptblock]::Create([IO.File]::ReadAllText('" + script.toString().replace("’", "’’") + "')))";
        String encoded = Base64.getEncoder().encodeToString(loader.getBytes(StandardCharsets.UTF_16LE));
        assertThat(command).containsExactly("powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
                "$ErrorActionPreference = 'Stop'; $p = Start-Process -FilePath powershell.exe -ArgumentList "
                        + "'-NoProfile','-NonInteractive','-EncodedCommand','" + encoded + "' "
                        + "-Verb RunAs -Wait -PassThru -WindowStyle Hidden; exit $p.ExitCode");
        assertThat(String.join(" ", command).length()).as("fits ShellExecute's limit with room to spare").isLessThan(1500);
    }

    @Test
    void theWindowsScriptsAreExactAndKeepTheOtherLines() {
        String open = "$ErrorActionPreference = 'Stop'\n";
        String key = "$key = [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry64')"
                + ".OpenSubKey('Software\\GrafanaLabs\\Alloy', $true)\n"
                + "if ($null -eq $key) { exit 21 }\n";
        String setAndRestart = "$key.SetValue('Environment', [string[]]$lines, [Microsoft.Win32.RegistryValueKind]::MultiString)\n"
                + "$key.Close()\n"
                + "$service = Get-Service -Name Alloy -ErrorAction SilentlyContinue\n"
                + "if ($null -eq $service -or $service.Status -ne 'Running') { exit 20 }\n"
                + "try { Restart-Service -Name Alloy -Force } catch { exit 24 }\n"
                + "exit 0\n";
        Path tokenFile = Path.of("C:\\Users\\dev\\AppData\\Local\\AlloyCompanion\\data\\service-token-1.txt");
        assertThat(ServiceSecretTexts.windowsWriteScript(tokenFile)).isEqualTo(open
                + "try { $token = [IO.File]::ReadAllText('" + tokenFile + "') } catch { exit 22 }\n"
                + "Remove-Item -LiteralPath '" + tokenFile + "' -Force -ErrorAction SilentlyContinue\n"
                + key
                + "$lines = @($key.GetValue('Environment', [string[]]@()) | Where-Object { $_ -and $_ -notlike 'GCLOUD_RW_API_KEY=*' })\n"
                + "$lines += 'GCLOUD_RW_API_KEY=' + $token\n"
                + setAndRestart);
        assertThat(ServiceSecretTexts.windowsRemoveScript()).isEqualTo(open + key
                + "$old = @($key.GetValue('Environment', [string[]]@()) | Where-Object { $_ })\n"
                + "$lines = @($old | Where-Object { $_ -notlike 'GCLOUD_RW_API_KEY=*' })\n"
                + "if ($lines.Count -eq $old.Count) { exit 23 }\n"
                + setAndRestart);
        assertThat(ServiceSecretTexts.powerShellQuote("C:\\it's ‘here’")).isEqualTo("'C:\\it''s ‘‘here’’'");
    }

    @Test
    void windowsOutcomesAndTheOneShotFilesGoneEvenOnFailure() throws Exception {
        Path data = home.resolve("data");
        record Case(CommandResult result, Reason reason, String message) { }
        List<Case> failures = List.of(
                new Case(new CommandResult(21, "", "", false), Reason.NOT_INSTALLED, "HKLM\\Software\\GrafanaLabs\\Alloy does not exist"),
                new Case(new CommandResult(22, "", "", false), Reason.FILESYSTEM, "could not read the one-shot token file"),
                new Case(new CommandResult(24, "", "", false), Reason.RESTART_FAILED, "The token was saved in HKLM"),
                new Case(new CommandResult(1, "", "Start-Process : This command cannot be run due to the error: The operation "
                        + "was canceled by the user.", false), Reason.CANCELLED, "Cancelled by the user: the UAC prompt was declined"),
                new Case(new CommandResult(5, "", "Access " + TOKEN + " denied", false), Reason.FAILED, "failed (exit 5)"));
        for (Case failure : failures) {
            var runner = new FakeCommandRunner().answer(ServiceSecretsTest::isElevatedPowerShell, failure.result());
            assertThatThrownBy(() -> new ServiceSecrets(windows(), runner).toWindowsService(token, data))
                    .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(failure.reason()))
                    .hasMessageContaining(failure.message()).message().doesNotContain(TOKEN);
            assertThat(filesIn(data)).isEmpty();
        }
        assertThatThrownBy(() -> new ServiceSecrets(windows(), new FakeCommandRunner()).toWindowsService(token, data))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(filesIn(data)).isEmpty();

        var stopped = new FakeCommandRunner().answer(ServiceSecretsTest::isElevatedPowerShell, new CommandResult(20, "", "", false));
        assertThat(new ServiceSecrets(windows(), stopped).toWindowsService(token, data).restart()).isEqualTo(Restart.NOT_RUNNING);
    }

    @Test
    void removingFromWindowsRunsTheRemoveScriptElevated() throws Exception {
        Path data = home.resolve("data");
        var runner = new FakeCommandRunner().answer(ServiceSecretsTest::isElevatedPowerShell, new CommandResult(0, "", "", false))
                .whileRunning(command -> {
                    try {
                        assertThat(fileReadBy(loaderOf(command))).hasContent(ServiceSecretTexts.windowsRemoveScript());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
        assertThat(new ServiceSecrets(windows(), runner).removeFromWindowsService(data)).isEqualTo(new ServiceSecretChange(
                Target.WINDOWS_SERVICE, Action.REMOVED, "HKLM\\Software\\GrafanaLabs\\Alloy\\Environment", Restart.RESTARTED));
        assertThat(filesIn(data)).isEmpty();

        var nothing = new FakeCommandRunner().answer(ServiceSecretsTest::isElevatedPowerShell, new CommandResult(23, "", "", false));
        assertThat(new ServiceSecrets(windows(), nothing).removeFromWindowsService(data)).isEqualTo(new ServiceSecretChange(
                Target.WINDOWS_SERVICE, Action.NOTHING_TO_REMOVE, "HKLM\\Software\\GrafanaLabs\\Alloy\\Environment", Restart.NOT_NEEDED));
    }

    // ---- Homebrew ---------------------------------------------------------------------------------------------------

    static final List<String> BREW_PREFIX = List.of("brew", "--prefix");
    static final List<String> BREW_INFO = List.of("brew", "services", "info", "alloy", "--json");
    static final List<String> BREW_RESTART = List.of("brew", "services", "restart", "grafana/grafana/alloy");

    private Environment macos() {
        return new Environment(OperatingSystem.MACOS, Architecture.ARM64, Map.of(), home);
    }

    private Path homebrew() throws Exception {
        Path prefix = home.resolve("opt/homebrew");
        Files.createDirectories(prefix.resolve("etc/alloy"));
        return prefix;
    }

    private static String info(boolean running) {
        return "[{\"name\":\"alloy\",\"service_name\":\"homebrew.mxcl.alloy\",\"running\":" + running
                + ",\"status\":\"" + (running ? "started" : "none") + "\"}]";
    }

    @Test
    void homebrewReplacesTheLineKeepsTheOthersAndRestartsARunningService() throws Exception {
        Path prefix = homebrew();
        Path envFile = prefix.resolve("etc/alloy/config.env");
        Files.writeString(envFile, "ALLOY_OTEL_MODE=0\nGCLOUD_RW_API_KEY=glc_old\n# proxy\nexport  GCLOUD_RW_API_KEY='glc_older'\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));
        var runner = new FakeCommandRunner().answer(BREW_PREFIX, 0, prefix + "\n").answer(BREW_INFO, 0, info(true))
                .answer(BREW_RESTART, 0, "==> Successfully stopped `alloy`\n==> Successfully started `alloy`\n");

        ServiceSecretChange change = new ServiceSecrets(macos(), runner).toHomebrewService(token);

        assertThat(change).isEqualTo(new ServiceSecretChange(Target.HOMEBREW_SERVICE, Action.WRITTEN, envFile.toString(),
                Restart.RESTARTED));
        assertThat(envFile).hasContent("ALLOY_OTEL_MODE=0\n# proxy\nexport GCLOUD_RW_API_KEY='" + TOKEN + "'");
        assertThat(mode(envFile)).isEqualTo("rw-------");
        assertThat(runner.commands()).containsExactly(BREW_PREFIX, BREW_INFO, BREW_RESTART);
        assertNoArgumentHolds(runner, TOKEN);
    }

    @Test
    void homebrewLeavesAStoppedServiceStoppedAndRemovalKeepsTheOtherLines() throws Exception {
        Path prefix = homebrew();
        Path envFile = prefix.resolve("etc/alloy/config.env");
        Files.writeString(envFile, "ALLOY_OTEL_MODE=0\n");
        var runner = new FakeCommandRunner().answer(BREW_PREFIX, 0, prefix + "\n").answer(BREW_INFO, 0, info(false));
        var secrets = new ServiceSecrets(macos(), runner);

        assertThat(secrets.toHomebrewService(token).restart()).isEqualTo(Restart.NOT_RUNNING);
        assertThat(runner.commands()).containsExactly(BREW_PREFIX, BREW_INFO);

        assertThat(secrets.removeFromHomebrewService()).isEqualTo(new ServiceSecretChange(Target.HOMEBREW_SERVICE,
                Action.REMOVED, envFile.toString(), Restart.NOT_RUNNING));
        assertThat(envFile).hasContent("ALLOY_OTEL_MODE=0");
        assertThat(mode(envFile)).isEqualTo("rw-------");

        assertThat(secrets.removeFromHomebrewService().action()).isEqualTo(Action.NOTHING_TO_REMOVE);
        assertThat(runner.commands()).containsExactly(BREW_PREFIX, BREW_INFO, BREW_PREFIX, BREW_INFO, BREW_PREFIX);
    }

    @Test
    void theHomebrewLineReachesAlloyThroughTheFormulasWrapperWithOrWithoutSetA() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        Path prefix = homebrew();
        var runner = new FakeCommandRunner().answer(BREW_PREFIX, 0, prefix + "\n").answer(BREW_INFO, 0, info(false));
        String odd = "glc_a'b\"c$d`e\\f%g h";
        try (Secret secret = Secret.of(odd.toCharArray())) {
            new ServiceSecrets(macos(), runner).toHomebrewService(secret);
        }
        Path envFile = prefix.resolve("etc/alloy/config.env");
        // The old wrapper sourced the file without set -a, the new one with it; Alloy must see the value either way.
        for (String wrapper : List.of(". \"$1\"; exec printenv GCLOUD_RW_API_KEY",
                "set -a; . \"$1\"; set +a; exec printenv GCLOUD_RW_API_KEY")) {
            Process sh = new ProcessBuilder("/bin/sh", "-c", wrapper, "sh", envFile.toString()).start();
            assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(odd + "\n");
        }
    }

    @Test
    void withoutHomebrewsAlloyNothingIsWritten() throws Exception {
        Path prefix = home.resolve("usr/local");
        Files.createDirectories(prefix);
        var runner = new FakeCommandRunner().answer(BREW_PREFIX, 0, prefix + "\n");
        assertThatThrownBy(() -> new ServiceSecrets(macos(), runner).toHomebrewService(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_INSTALLED))
                .hasMessageContaining("brew install grafana/grafana/alloy");
        assertThat(prefix.resolve("etc")).doesNotExist();
        assertThatThrownBy(() -> new ServiceSecrets(macos(), new FakeCommandRunner()).toHomebrewService(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void aFailedHomebrewRestartSaysTheTokenIsSaved() throws Exception {
        Path prefix = homebrew();
        var runner = new FakeCommandRunner().answer(BREW_PREFIX, 0, prefix + "\n").answer(BREW_INFO, 0, info(true))
                .answer(BREW_RESTART, new CommandResult(1, "", "Error: Failure while executing launchctl", false));
        assertThatThrownBy(() -> new ServiceSecrets(macos(), runner).toHomebrewService(token))
                .isInstanceOfSatisfying(ServiceSecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RESTART_FAILED))
                .hasMessageContaining("The token was written to " + prefix.resolve("etc/alloy/config.env"))
                .hasMessageContaining("brew services restart grafana/grafana/alloy");
        assertThat(prefix.resolve("etc/alloy/config.env")).content().contains(TOKEN);
    }
}
