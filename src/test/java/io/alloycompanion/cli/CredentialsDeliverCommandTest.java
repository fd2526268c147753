package io.alloycompanion.cli;

import io.alloycompanion.testsupport.FakeTokens;
import static io.alloycompanion.cli.CredentialsScanCommandTest.TOKEN;
import static io.alloycompanion.cli.CredentialsScanCommandTest.commitAll;
import static io.alloycompanion.cli.CredentialsScanCommandTest.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * credentials deliver in-process: service managers are a fake that records each command (and what it got on stdin),
 * git is the real one, and after each delivery no file but the intended one holds the token.
 */
class CredentialsDeliverCommandTest {

    private static final List<String> RELOAD = List.of("systemctl", "--user", "daemon-reload");
    private static final List<String> TRY_RESTART = List.of("systemctl", "--user", "try-restart", "alloy.service");

    @TempDir
    Path temp;

    private final MemorySecretStore store = new MemorySecretStore();
    private final FakeCommandRunner fake = new FakeCommandRunner();
    private OperatingSystem os = OperatingSystem.LINUX;
    private StringWriter out;
    private StringWriter err;

    /** git runs for real (the gitignore proof needs it); everything else goes to the fake. */
    private final CommandRunner runner = new CommandRunner() {
        private final ProcessCommandRunner real = new ProcessCommandRunner();

        @Override
        public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
            return run(command, new byte[0], timeout);
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException, InterruptedException {
            return command.get(0).equals("git") ? real.run(command, stdin, timeout) : fake.run(command, stdin, timeout);
        }
    };

    @BeforeEach
    void profile() throws Exception {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "asserts file modes");
        assertThat(run(TOKEN + "\n", "credentials", "add", "--profile", "dev", "--token-stdin", "--no-discover"))
                .as(err.toString()).isZero();
    }

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(os, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), location -> store, runner);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    /** The token is in {@code expected} and in no other file under the test folder. */
    private void assertTheTokenIsOnlyIn(Path... expected) throws IOException {
        List<Path> holding;
        try (Stream<Path> files = Files.walk(temp)) {
            holding = files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.readString(file, StandardCharsets.ISO_8859_1).contains(TOKEN);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(holding).containsExactlyInAnyOrder(expected);
    }

    private void assertNothingPrintedTheToken() {
        assertThat(out.toString()).doesNotContain(TOKEN);
        assertThat(err.toString()).doesNotContain(TOKEN);
        assertThat(fake.commands()).allSatisfy(command -> assertThat(command).noneMatch(arg -> arg.contains(TOKEN)));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void userServiceGetsAnOwnerOnlyDropInAndRemoveTakesItBack() throws Exception {
        fake.answer(RELOAD, 0, "").answer(TRY_RESTART, 0, "");
        Path dropIn = temp.resolve("home/.config/systemd/user/alloy.service.d/credentials.conf");

        assertThat(run("", "credentials", "deliver", "--to", "user-service")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Handed the token of profile dev to the systemd user unit alloy.service")
                .contains(dropIn.toString()).contains("restarted if it was running")
                .contains("password = sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(Files.readString(dropIn)).contains("Environment=\"GCLOUD_RW_API_KEY=" + TOKEN + "\"");
        assertThat(mode(dropIn)).isEqualTo("rw-------");
        assertThat(fake.commands()).containsExactly(RELOAD, TRY_RESTART);
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn(dropIn);

        assertThat(run("", "credentials", "deliver", "--to", "user-service", "--remove", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("target").asText()).isEqualTo("user-service");
        assertThat(json.get("action").asText()).isEqualTo("removed");
        assertThat(json.get("location").asText()).isEqualTo(dropIn.toString());
        assertThat(json.get("restart").asText()).isEqualTo("restarted_if_running");
        assertThat(dropIn).doesNotExist();
        assertTheTokenIsOnlyIn();

        assertThat(run("", "credentials", "deliver", "--to", "user-service", "--remove")).isZero();
        assertThat(out.toString()).startsWith("Nothing to remove");
    }

    @Test
    void aServiceThatDoesNotRestartIsExitOne() throws Exception {
        fake.answer(RELOAD, 0, "").answer(TRY_RESTART, new CommandResult(1, "", "Job for alloy.service failed.", false));
        assertThat(run("", "credentials", "deliver", "--to", "user-service")).isEqualTo(1);
        assertThat(err.toString()).contains("alloy.service did not restart").contains("Job for alloy.service failed");
        assertNothingPrintedTheToken();
    }

    @Test
    void systemServiceSendsTheDropInOnPkexecsStandardInput() throws Exception {
        fake.answer(command -> command.get(0).equals("pkexec"), new CommandResult(0, "", "", false));
        assertThat(run("", "credentials", "deliver", "--to", "system-service", "--json")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("location").asText()).isEqualTo("/etc/systemd/system/alloy.service.d/credentials.conf");
        assertThat(json.get("password").asText()).isEqualTo("sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(fake.commands()).hasSize(1);
        assertThat(fake.commands().get(0).subList(0, 3)).containsExactly("pkexec", "/bin/sh", "-c");
        assertThat(fake.stdins().get(0)).contains("GCLOUD_RW_API_KEY=" + TOKEN);
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn();
    }

    @Test
    void windowsServiceGoesThroughAOneShotFileThatIsGoneAfterwards() throws Exception {
        os = OperatingSystem.WINDOWS;
        Path data = temp.resolve("app/data");
        List<String> seen = new java.util.ArrayList<>();
        fake.whileRunning(command -> {
            try (Stream<Path> files = Files.list(data)) {
                files.map(Path::getFileName).map(Path::toString).forEach(seen::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).answer(command -> command.get(0).equals("powershell.exe"), new CommandResult(0, "", "", false));

        assertThat(run("", "credentials", "deliver", "--to", "windows-service")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("the Windows service Alloy of the official installer: "
                + "HKLM\\Software\\GrafanaLabs\\Alloy\\Environment").contains("Alloy was restarted and uses it now.");
        assertThat(seen).anyMatch(name -> name.startsWith("service-token-"));
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn();
    }

    @Test
    void homebrewGetsTheTokenInConfigEnv() throws Exception {
        os = OperatingSystem.MACOS;
        Path prefix = Files.createDirectories(temp.resolve("brew/etc/alloy")).getParent().getParent();
        fake.answer(List.of("brew", "--prefix"), 0, prefix + "\n")
                .answer(List.of("brew", "services", "info", "alloy", "--json"), 0, "[{\"name\":\"alloy\",\"running\":false}]");
        Path envFile = prefix.resolve("etc/alloy/config.env");

        assertThat(run("", "credentials", "deliver", "--to", "homebrew", "--json")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("location").asText()).isEqualTo(envFile.toString());
        assertThat(json.get("restart").asText()).isEqualTo("not_running");
        assertThat(Files.readString(envFile)).contains("GCLOUD_RW_API_KEY=");
        assertTheTokenIsOnlyIn(envFile);

        assertThat(run("", "credentials", "deliver", "--to", "homebrew", "--remove")).isZero();
        assertThat(out.toString()).contains("Removed the token from Homebrew's alloy service").contains("not running");
        assertTheTokenIsOnlyIn();
    }

    @Test
    void targetsOfAnotherOsAndUnknownTargetsAreUsageErrors() {
        assertThat(run("", "credentials", "deliver", "--to", "windows-service")).isEqualTo(2);
        assertThat(err.toString()).contains("--to windows-service is the Windows service Alloy of the official installer, "
                + "which exists on Windows only, and this is Linux.").contains("--to user-service");
        assertThat(run("", "credentials", "deliver", "--to", "homebrew", "--remove")).isEqualTo(2);
        assertThat(err.toString()).contains("exists on macOS only");
        os = OperatingSystem.MACOS;
        assertThat(run("", "credentials", "deliver", "--to", "user-service")).isEqualTo(2);
        assertThat(err.toString()).contains("exists on Linux only, and this is macOS").contains("--to homebrew");
        assertThat(run("", "credentials", "deliver", "--to", "usb-stick")).isEqualTo(2);
        assertThat(err.toString()).contains("--to must be one of user-service, system-service");
        assertThat(run("", "credentials", "deliver", "--to", "legacy-file")).isEqualTo(2);
        assertThat(err.toString()).contains("needs --config FILE");
        assertThat(fake.commands()).isEmpty();
    }

    @Test
    void tokenFileIsOwnerOnlyAndTheSnippetReadsIt() throws Exception {
        Path file = temp.resolve("app/data/tokens/dev.token");
        assertThat(run("", "credentials", "deliver", "--to", "token-file")).as(err.toString()).isZero();
        assertThat(Files.readString(file)).isEqualTo(TOKEN);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(out.toString()).contains("Handed the token of profile dev to an owner-only file in this app's data folder: "
                        + file + " (readable by you only).")
                .contains("local.file \"gcloud_token\" {\n\tfilename  = \"" + file + "\"\n\tis_secret = true\n}\n")
                .contains("password = local.file.gcloud_token.content");
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn(file);

        assertThat(run("", "credentials", "deliver", "--to", "token-file", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("profile").asText()).isEqualTo("dev");
        assertThat(json.get("configSnippet").asText()).contains("filename  = \"" + file + "\"");
        assertThat(json.get("password").asText()).isEqualTo("local.file.gcloud_token.content");

        assertThat(run("", "credentials", "deliver", "--to", "token-file", "--remove")).isZero();
        assertThat(file).doesNotExist();
        assertTheTokenIsOnlyIn();
    }

    @Test
    void legacyFileIsWrittenOnlyOnceGitIsProvenToIgnoreIt() throws Exception {
        Path project = repo(temp.resolve("project"));
        Path config = Files.writeString(project.resolve("config.alloy"), "// config\n");
        commitAll(project, "config");
        Path file = project.resolve("grafana-token.txt");

        assertThat(run("", "credentials", "deliver", "--to", "legacy-file", "--config", config.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("Added /grafana-token.txt to " + project.resolve(".gitignore"))
                .contains("git check-ignore confirms that git ignores grafana-token.txt.")
                .contains("filename  = \"" + file + "\"").contains("--to token-file keeps the token outside");
        assertThat(Files.readString(file)).isEqualTo(TOKEN);
        assertThat(CredentialsScanCommandTest.git(project, "status", "--porcelain").stdout())
                .contains(".gitignore").doesNotContain("grafana-token.txt");
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn(file);

        assertThat(run("", "credentials", "deliver", "--to", "legacy-file", "--config", config.toString(), "--remove")).isZero();
        assertThat(file).doesNotExist();
        assertThat(out.toString()).contains("rotate it");
    }

    @Test
    void aTrackedLegacyFileGetsTheLoudWarningAndNoToken() throws Exception {
        Path project = repo(temp.resolve("project"));
        Path config = Files.writeString(project.resolve("config.alloy"), "// config\n");
        Path file = Files.writeString(project.resolve("grafana-token.txt"), "placeholder\n");
        commitAll(project, "oops");

        assertThat(run("", "credentials", "deliver", "--to", "legacy-file", "--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("The token was NOT written to " + file)
                .contains("WARNING: git already tracks grafana-token.txt")
                .contains("git rm --cached grafana-token.txt").contains("ROTATE that token");
        assertThat(file).hasContent("placeholder\n");
        assertNothingPrintedTheToken();
        assertTheTokenIsOnlyIn();

        assertThat(run("", "credentials", "deliver", "--to", "legacy-file", "--config", config.toString(), "--json")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("action").asText()).isEqualTo("refused");
        assertThat(json.get("gitignore").get("alreadyTracked").asBoolean()).isTrue();
    }

    @Test
    void aProfileWithoutAStoredTokenNeedsOneOnStdin() throws Exception {
        assertThat(run("", "credentials", "add", "--profile", "bare", "--store", "ask", "--no-discover")).isZero();
        assertThat(run("", "credentials", "deliver", "--to", "token-file", "--profile", "bare")).isEqualTo(2);
        assertThat(err.toString()).contains("profile bare has no stored token").contains("--token-stdin");

        assertThat(run(TOKEN, "credentials", "deliver", "--to", "token-file", "--profile", "bare", "--token-stdin")).isZero();
        assertTheTokenIsOnlyIn(temp.resolve("app/data/tokens/bare.token"));
        assertThat(run(FakeTokens.serviceAccount(), "credentials", "deliver", "--to", "token-file",
                "--profile", "bare", "--token-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("service account token");
        assertThat(run(TOKEN, "credentials", "deliver", "--to", "token-file", "--token-stdin", "--passphrase-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot be used together");
    }
}
