package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.secrets.LeakScanResult.Completed;
import io.alloycompanion.core.secrets.LeakScanner.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakScannerTest {

    // Built at run time so this source file is not itself a finding for secret scanners.
    private static final String TOKEN = "glc_" + "eyJvIjoiMTIzNDUiLCJuIjoidGVzdCIsImsiOiJhYmMifQ==";
    private static final String OTHER_TOKEN = "glc_" + "eyJvIjoiOTk5OSIsIm4iOiJvbGQiLCJrIjoiZGVmIn0Z";
    private static final String STORED = "pw-0123456789-not-a-glc-token";

    private final RecordingRunner runner = new RecordingRunner();
    private final LeakScanner scanner = new LeakScanner(runner);

    @TempDir
    Path dir;

    private Completed scan(Path folder, Optional<Secret> stored, Scope scope) throws Exception {
        LeakScanResult result = scanner.scan(folder, stored, scope);
        assertThat(result).isInstanceOf(Completed.class);
        return (Completed) result;
    }

    @Test
    void findsATokenInATrackedFileOnItsLine() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config.alloy", "// config\nlocal.file \"t\" {\n  content = \"" + TOKEN + "\"\n}\n");
        repo.git("add", "config.alloy");

        Completed result = scan(dir, Optional.empty(), Scope.TRACKED_FILES);

        assertThat(result.leaks()).containsExactly(new Leak(Path.of("config.alloy"), 3, Optional.empty(),
                "glc_…" + TOKEN.substring(TOKEN.length() - 4), Leak.Kind.CLOUD_TOKEN));
        assertThat(result.filesScanned()).isEqualTo(1);
        assertThat(result.historyScanned()).isFalse();
    }

    @Test
    void untrackedAndIgnoredFilesAreNotReported() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write(".gitignore", "/grafana-token.txt\n");
        repo.write("grafana-token.txt", TOKEN);
        repo.write("notes.txt", "token: " + TOKEN + "\n");
        repo.write("README.md", "Paste your glc_ token here; it looks like glc_abc123.\n");
        repo.commitAll("docs");
        Files.delete(dir.resolve("notes.txt"));
        repo.write("notes.txt", "token: " + TOKEN + "\n"); // exists, but no longer tracked
        repo.git("rm", "-q", "--cached", "notes.txt");

        Completed result = scan(dir, Optional.empty(), Scope.TRACKED_FILES);

        assertThat(result.leaks()).isEmpty();
        assertThat(result.filesScanned()).isEqualTo(2); // .gitignore and README.md
    }

    @Test
    void findsTheStoredTokenWithoutPuttingItOnACommandLine() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("app/.env", "A=1\nGCLOUD_RW_API_KEY=" + STORED + "\n");
        repo.commitAll("env");
        repo.write("app/.env", "A=1\n");
        repo.commitAll("remove");

        try (Secret stored = Secret.of(STORED.toCharArray())) {
            Completed result = scan(dir, Optional.of(stored), Scope.TRACKED_FILES_AND_HISTORY);

            assertThat(result.leaks()).singleElement().satisfies(leak -> {
                assertThat(leak.kind()).isEqualTo(Leak.Kind.STORED_TOKEN);
                assertThat(leak.file()).isEqualTo(Path.of("app/.env"));
                assertThat(leak.line()).isEqualTo(2);
                assertThat(leak.maskedValue()).isEqualTo(stored.masked()).doesNotContain(STORED);
            });
        }
        assertThat(runner.commands).isNotEmpty()
                .allSatisfy(command -> assertThat(String.join(" ", command)).doesNotContain(STORED));
    }

    @Test
    void aStoredCloudTokenIsReportedOnceAsTheStoredToken() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("a.txt", TOKEN + " " + TOKEN + "\n" + OTHER_TOKEN + "\n");
        repo.git("add", "a.txt");

        try (Secret stored = Secret.of(TOKEN.toCharArray())) {
            Completed result = scan(dir, Optional.of(stored), Scope.TRACKED_FILES);

            assertThat(result.leaks()).extracting(Leak::line, Leak::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Leak.Kind.STORED_TOKEN),
                            org.assertj.core.groups.Tuple.tuple(2, Leak.Kind.CLOUD_TOKEN));
        }
    }

    @Test
    void historyScanFindsATokenRemovedInALaterCommit() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config/config.alloy", "a\nb\n");
        repo.commitAll("start");
        repo.write("config/config.alloy", "a\npassword = \"" + TOKEN + "\"\nb\n");
        repo.commitAll("oops");
        String leakingCommit = repo.git("rev-parse", "HEAD").stdout().strip();
        repo.write("config/config.alloy", "a\npassword = sys.env(\"GCLOUD_RW_API_KEY\")\nb\n");
        repo.commitAll("fix");

        Completed trackedOnly = scan(dir, Optional.empty(), Scope.TRACKED_FILES);
        Completed withHistory = scan(dir, Optional.empty(), Scope.TRACKED_FILES_AND_HISTORY);

        assertThat(trackedOnly.leaks()).isEmpty();
        assertThat(withHistory.historyScanned()).isTrue();
        assertThat(withHistory.historyProblem()).isEmpty();
        assertThat(withHistory.leaks()).containsExactly(new Leak(Path.of("config/config.alloy"), 2,
                Optional.of(leakingCommit), "glc_…" + TOKEN.substring(TOKEN.length() - 4), Leak.Kind.CLOUD_TOKEN));
    }

    @Test
    void historyOnOtherBranchesIsScannedToo() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("x.txt", "x\n");
        repo.commitAll("start");
        repo.git("checkout", "-q", "-b", "experiment");
        repo.write("x.txt", "x\n" + OTHER_TOKEN + "\n");
        repo.commitAll("on a branch");
        repo.git("checkout", "-q", "-");

        Completed result = scan(dir, Optional.empty(), Scope.TRACKED_FILES_AND_HISTORY);

        assertThat(result.leaks()).extracting(Leak::file, Leak::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Path.of("x.txt"), 2));
    }

    @Test
    void aSubfolderIsScannedAloneWithPathsRelativeToIt() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("project/src/app.properties", "token=" + TOKEN + "\n");
        repo.write("elsewhere/app.properties", "token=" + OTHER_TOKEN + "\n");
        repo.commitAll("both");

        Completed result = scan(dir.resolve("project"), Optional.empty(), Scope.TRACKED_FILES_AND_HISTORY);

        assertThat(result.leaks()).extracting(Leak::file, Leak::commit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Path.of("src/app.properties"), Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(Path.of("src/app.properties"),
                                Optional.of(repo.git("rev-parse", "HEAD").stdout().strip())));
    }

    @Test
    void binaryAndLargeFilesAreSkipped() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        Files.write(dir.resolve("image.bin"), ("\0\1" + TOKEN).getBytes());
        byte[] large = new byte[(int) LeakScanner.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(large, (byte) 'a');
        System.arraycopy(TOKEN.getBytes(), 0, large, 0, TOKEN.length());
        Files.write(dir.resolve("large.txt"), large);
        repo.git("add", "-A");

        Completed result = scan(dir, Optional.empty(), Scope.TRACKED_FILES);

        assertThat(result.leaks()).isEmpty();
        assertThat(result.filesSkipped()).isEqualTo(2);
    }

    @Test
    void nothingReturnedEverHoldsTheWholeToken() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("a.txt", TOKEN + "\n");
        repo.commitAll("a");

        LeakScanResult result = scanner.scan(dir, Optional.empty(), Scope.TRACKED_FILES_AND_HISTORY);

        assertThat(((Completed) result).leaks()).hasSize(2)
                .allSatisfy(leak -> assertThat(leak.maskedValue()).hasSize(9).startsWith("glc_…"));
        assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(4, 20));
    }

    @Test
    void aFolderOutsideGitIsReportedAsSuch() throws Exception {
        assertThat(scanner.scan(dir, Optional.empty(), Scope.TRACKED_FILES))
                .isEqualTo(new LeakScanResult.NotInWorkTree(dir));
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void gitThatCannotRunIsReported() throws Exception {
        GitTestRepo.init(dir);
        LeakScanner withoutGit = new LeakScanner(new io.alloycompanion.testsupport.FakeCommandRunner());

        assertThat(withoutGit.scan(dir, Optional.empty(), Scope.TRACKED_FILES))
                .isInstanceOfSatisfying(LeakScanResult.GitFailed.class,
                        failed -> assertThat(failed.problem()).contains("git could not be run"));
    }

    /** The real runner, remembering every command so a test can prove what was (not) on a command line. */
    private static final class RecordingRunner implements CommandRunner {
        final List<List<String>> commands = new ArrayList<>();

        @Override
        public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
            commands.add(command);
            return GitTestRepo.RUNNER.run(command, timeout);
        }

        @Override
        public CommandResult stream(List<String> command, Consumer<String> lines, Duration timeout)
                throws IOException, InterruptedException {
            commands.add(command);
            return GitTestRepo.RUNNER.stream(command, lines, timeout);
        }
    }
}
