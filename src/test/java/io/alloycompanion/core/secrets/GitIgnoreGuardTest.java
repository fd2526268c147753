package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitIgnoreGuardTest {

    private final GitIgnoreGuard guard = new GitIgnoreGuard(GitTestRepo.RUNNER);

    @TempDir
    Path dir;

    @Test
    void createsTheTopLevelGitignoreWithAPreciseEntryAndProvesIt() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        Path token = dir.resolve("config/grafana-token.txt");
        Files.createDirectories(token.getParent());

        GitIgnoreResult result = guard.ensureIgnored(token);

        assertThat(result.needed()).isTrue();
        assertThat(result.entryAdded()).isTrue();
        assertThat(result.ignoredProven()).isTrue();
        assertThat(result.alreadyTracked()).isFalse();
        assertThat(result.safe()).isTrue();
        assertThat(result.warning()).isEmpty();
        assertThat(result.gitignoreFile()).contains(dir.resolve(".gitignore"));
        assertThat(result.relativePath()).contains("config/grafana-token.txt");
        assertThat(Files.readAllLines(dir.resolve(".gitignore"))).contains("/config/grafana-token.txt");
        assertThat(Files.readString(dir.resolve(".gitignore"))).endsWith("\n");
        assertThat(repo.ignores("config/grafana-token.txt")).isTrue();
        assertThat(repo.ignores("other/grafana-token.txt")).as("the entry is precise").isFalse();
    }

    @Test
    void keepsExistingContentAddsTheMissingNewlineAndNeverDuplicates() throws Exception {
        GitTestRepo.init(dir);
        Files.writeString(dir.resolve(".gitignore"), "# mine\ntarget/\n*.log");
        Path token = dir.resolve("grafana-token.txt");

        GitIgnoreResult first = guard.ensureIgnored(token);
        GitIgnoreResult second = guard.ensureIgnored(token);

        assertThat(first.entryAdded()).isTrue();
        assertThat(second.entryAdded()).isFalse();
        assertThat(second.ignoredProven()).isTrue();
        String content = Files.readString(dir.resolve(".gitignore"));
        assertThat(content).startsWith("# mine\ntarget/\n*.log\n").endsWith("/grafana-token.txt\n");
        assertThat(content.lines().filter("/grafana-token.txt"::equals)).hasSize(1);
    }

    @Test
    void keepsWindowsLineEndings() throws Exception {
        GitTestRepo.init(dir);
        Files.writeString(dir.resolve(".gitignore"), "target/\r\n");

        guard.ensureIgnored(dir.resolve("grafana-token.txt"));

        assertThat(Files.readString(dir.resolve(".gitignore"))).startsWith("target/\r\n").endsWith("/grafana-token.txt\r\n")
                .doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void aFileGitAlreadyTracksIsReportedLoudlyWithTheFix() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config/grafana-token.txt", "old");
        repo.commitAll("oops");

        GitIgnoreResult result = guard.ensureIgnored(dir.resolve("config/grafana-token.txt"));

        assertThat(result.alreadyTracked()).isTrue();
        assertThat(result.ignoredProven()).isTrue();
        assertThat(result.safe()).isFalse();
        assertThat(result.warning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("git rm --cached config/grafana-token.txt").contains("rotate the token"));
    }

    @Test
    void aSubfolderRuleThatIncludesTheFileAgainIsCaught() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config/.gitignore", "!grafana-token.txt\n");

        GitIgnoreResult result = guard.ensureIgnored(dir.resolve("config/grafana-token.txt"));

        assertThat(result.entryAdded()).isTrue();
        assertThat(result.ignoredProven()).isFalse();
        assertThat(result.safe()).isFalse();
        assertThat(result.warning()).hasValueSatisfying(warning -> assertThat(warning).contains("`!`"));
    }

    @Test
    void patternCharactersInTheNameAreEscaped() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        Path token = dir.resolve("my [dev] token*.txt");

        GitIgnoreResult result = guard.ensureIgnored(token);

        assertThat(result.ignoredProven()).isTrue();
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains("/my \\[dev] token\\*.txt\n");
        assertThat(repo.ignores("my d token-x.txt")).isFalse();
        assertThat(GitIgnoreGuard.escape("a b  ")).isEqualTo("a b\\ \\ ");
    }

    @Test
    void outsideAWorkTreeNothingIsNeeded() throws Exception {
        GitIgnoreResult result = guard.ensureIgnored(dir.resolve("config/grafana-token.txt"));

        assertThat(result.needed()).isFalse();
        assertThat(result.safe()).isTrue();
        assertThat(result.entryAdded()).isFalse();
        assertThat(dir.resolve(".gitignore")).doesNotExist();
    }
}
