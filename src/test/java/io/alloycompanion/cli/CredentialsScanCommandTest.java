package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.MemorySecretStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** credentials scan and credentials ignore in-process, against real git repositories in a temporary folder. */
class CredentialsScanCommandTest {

    // Built at run time so this source file is not itself a finding for secret scanners.
    // {"o":"1234567","n":"laptop","k":"c2VjcmV0LXBhcnQ","m":{"r":"prod-us-east-0"}}
    static final String TOKEN = "glc_" + "eyJvIjoiMTIzNDU2NyIsIm4iOiJsYXB0b3AiLCJrIjoiYzJWamNtVjBMWEJoY25RIiwibSI6eyJyIjoicHJvZC11cy1lYXN0LTAifX0";
    static final String MASKED = "glc_…" + TOKEN.substring(TOKEN.length() - 4);
    private static final ProcessCommandRunner GIT = new ProcessCommandRunner();

    @TempDir
    Path temp;

    private final MemorySecretStore store = new MemorySecretStore();
    private StringWriter out;
    private StringWriter err;

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), location -> store);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    static CommandResult git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"));
        command.addAll(List.of(args));
        CommandResult result = GIT.run(command, Duration.ofSeconds(30));
        assertThat(result.exitCode()).as("git %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }

    static Path repo(Path dir) throws Exception {
        Files.createDirectories(dir);
        git(dir, "init", "-q");
        return dir;
    }

    static void commitAll(Path repo, String message) throws Exception {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
    }

    @Test
    void aTrackedTokenIsReportedWithItsLineAndTheNextSteps() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve("config.alloy"), "// config\npassword = \"" + TOKEN + "\"\n");
        Files.writeString(repo.resolve("README.md"), "Paste your glc_ token; it looks like glc_abc.\n");
        commitAll(repo, "config");

        assertThat(run("", "credentials", "scan", repo.toString())).as(err.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("Found 1 leaked token in " + repo + " (2 tracked files, looking for glc_ tokens):")
                .contains("  config.alloy:2  " + MASKED + "\n")
                .contains("ROTATE the token").contains("Grafana Cloud portal\n     → Security → Access Policies")
                .contains("git history keeps it")
                .contains("       git rm --cached config.alloy\n")
                .contains("       alloy-companion credentials ignore config.alloy\n")
                .doesNotContain(TOKEN);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void historyFindsATokenDeletedSinceAndJsonNamesTheCommit() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve(".env"), "A=1\nGCLOUD_RW_API_KEY=" + TOKEN + "\n");
        commitAll(repo, "env");
        String commit = git(repo, "rev-parse", "HEAD").stdout().strip();
        Files.writeString(repo.resolve(".env"), "A=1\n");
        commitAll(repo, "remove the token");

        assertThat(run("", "credentials", "scan", repo.toString())).isZero();
        assertThat(out.toString()).startsWith("No token found in " + repo + " (1 tracked file, looking for glc_ tokens).")
                .contains("Add --history");

        assertThat(run("", "credentials", "scan", repo.toString(), "--history")).isEqualTo(1);
        assertThat(out.toString()).contains("  .env:2  " + MASKED + "  (commit " + commit.substring(0, 7) + ")\n")
                .contains("Only in the history now: .env").doesNotContain("git rm --cached").doesNotContain(TOKEN);

        assertThat(run("", "credentials", "scan", repo.toString(), "--history", "--json")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("folder").asText()).isEqualTo(repo.toString());
        assertThat(json.get("filesScanned").asInt()).isEqualTo(1);
        assertThat(json.get("historyScanned").asBoolean()).isTrue();
        assertThat(json.get("leaks")).hasSize(1);
        JsonNode leak = json.get("leaks").get(0);
        assertThat(leak.get("file").asText()).isEqualTo(".env");
        assertThat(leak.get("line").asInt()).isEqualTo(2);
        assertThat(leak.get("commit").asText()).isEqualTo(commit);
        assertThat(leak.get("masked").asText()).isEqualTo(MASKED);
        assertThat(leak.get("kind").asText()).isEqualTo("cloud_token");
        assertThat(out.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theActiveProfilesStoredTokenIsLookedForToo() throws Exception {
        assertThat(run(TOKEN, "credentials", "add", "--profile", "dev", "--token-stdin", "--no-discover")).isZero();
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve("notes.txt"), "token " + TOKEN + "\n");
        commitAll(repo, "notes");

        assertThat(run("", "credentials", "scan", repo.toString(), "--json")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("storedTokenOf").asText()).isEqualTo("dev");
        assertThat(json.get("leaks").get(0).get("kind").asText()).isEqualTo("stored_token");
        assertThat(json.get("leaks").get(0).get("commit").isNull()).isTrue();
        assertThat(json.get("historyScanned").asBoolean()).isFalse();

        assertThat(run("", "credentials", "scan", repo.toString(), "--profile", "dev")).isEqualTo(1);
        assertThat(out.toString()).contains("notes.txt:1  " + MASKED + "  [the stored token of profile dev]")
                .contains("credentials add --profile dev");
        assertThat(run("", "credentials", "scan", repo.toString(), "--profile", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no profile named 'nope'");
    }

    @Test
    void aCleanRepositoryExitsZeroAndAFolderOutsideGitIsAnEnvironmentError() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve("config.alloy"), "password = sys.env(\"GCLOUD_RW_API_KEY\")\n");
        commitAll(repo, "config");
        assertThat(run("", "credentials", "scan", repo.toString(), "--history")).isZero();
        assertThat(out.toString()).contains("No token found").contains("and the whole git history");

        Path outside = Files.createDirectories(temp.resolve("not-a-repo"));
        assertThat(run("", "credentials", "scan", outside.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not inside a git work tree");
        assertThat(run("", "credentials", "scan", temp.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a folder");
    }

    // ---- credentials ignore ---------------------------------------------------------------------------------------

    @Test
    void ignoreAddsTheEntryAndProvesItWithGit() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve(".gitignore"), "target/\n");
        Path file = repo.resolve("secrets/grafana-token.txt");

        assertThat(run("", "credentials", "ignore", file.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Added /secrets/grafana-token.txt to " + repo.resolve(".gitignore") + ".")
                .contains("git check-ignore confirms that git ignores secrets/grafana-token.txt.");
        assertThat(Files.readString(repo.resolve(".gitignore"))).startsWith("target/\n").contains("\n/secrets/grafana-token.txt\n");

        assertThat(run("", "credentials", "ignore", file.toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("entryAdded").asBoolean()).isFalse();
        assertThat(json.get("ignoredProven").asBoolean()).isTrue();
        assertThat(json.get("alreadyTracked").asBoolean()).isFalse();
        assertThat(json.get("safe").asBoolean()).isTrue();

        Path outside = Files.createDirectories(temp.resolve("elsewhere")).resolve("token.txt");
        assertThat(run("", "credentials", "ignore", outside.toString())).isZero();
        assertThat(out.toString()).contains("is not inside a git work tree");
    }

    @Test
    void ignoreWarnsLoudlyAboutATrackedFileAndExitsOne() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.writeString(repo.resolve(".env"), "A=1\n");
        commitAll(repo, "env");

        assertThat(run("", "credentials", "ignore", repo.resolve(".env").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("Added /.env to")
                .contains("WARNING: git already tracks .env.")
                .contains("git rm --cached .env")
                .contains("ROTATE that token").contains("Security → Access Policies");
    }

    @Test
    void ignoreExitsOneWhenARuleIncludesTheFileAgain() throws Exception {
        Path repo = repo(temp.resolve("project"));
        Files.createDirectories(repo.resolve("conf"));
        Files.writeString(repo.resolve("conf/.gitignore"), "!token.txt\n");

        assertThat(run("", "credentials", "ignore", repo.resolve("conf/token.txt").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("Added /conf/token.txt").contains("Could not prove that git ignores conf/token.txt")
                .doesNotContain("check-ignore confirms");
    }
}
