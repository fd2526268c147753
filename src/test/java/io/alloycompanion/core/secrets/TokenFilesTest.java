package io.alloycompanion.core.secrets;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.secrets.TokenFileException.Reason;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {

    private static final String TOKEN = FakeTokens.cloud("123", "test", "prod-us-east-0");

    private final TokenFiles tokenFiles = new TokenFiles(new GitIgnoreGuard(GitTestRepo.RUNNER));

    @TempDir
    Path dir;

    private static Secret token() {
        return Secret.of((TOKEN + "\n").toCharArray()); // as pasted, with the newline a terminal adds
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void appTokenFileHoldsExactlyTheTokenReadableByItsOwnerOnly() throws Exception {
        Path file = tokenFiles.writeAppTokenFile(dir, "dev", token());

        assertThat(file).isEqualTo(dir.resolve("tokens/dev.token"));
        assertThat(Files.readString(file)).isEqualTo(TOKEN).doesNotEndWith("\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("tokens"))).isEqualTo("rwx------");
        try (var files = Files.list(dir.resolve("tokens"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void replacingATokenTightensWhatWasWider() throws Exception {
        Files.createDirectories(dir.resolve("tokens"));
        Files.setPosixFilePermissions(dir.resolve("tokens"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(dir.resolve("tokens/dev.token"), "old-token\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

        Path file = tokenFiles.writeAppTokenFile(dir, "dev", token());

        assertThat(Files.readString(file)).isEqualTo(TOKEN);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("tokens"))).isEqualTo("rwx------");
    }

    @Test
    void refusesADataFolderInsideAGitWorkTree() throws Exception {
        GitTestRepo.init(dir);
        Path dataDir = dir.resolve("app-data");

        assertThatThrownBy(() -> tokenFiles.writeAppTokenFile(dataDir, "dev", token()))
                .isInstanceOfSatisfying(TokenFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INSIDE_GIT_WORK_TREE);
                    assertThat(e.getMessage()).contains(dir.toString()).doesNotContain(TOKEN);
                });
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void removingDeletesOnlyTheTokenFileAndSaysWhetherThereWasOne() throws Exception {
        Path file = tokenFiles.writeAppTokenFile(dir, "dev", token());
        Path other = tokenFiles.writeAppTokenFile(dir, "prod", token());
        assertThat(TokenFiles.appTokenFile(dir, "dev")).isEqualTo(file);

        assertThat(tokenFiles.removeAppTokenFile(dir, "dev")).isTrue();
        assertThat(file).doesNotExist();
        assertThat(other).exists();
        assertThat(tokenFiles.removeAppTokenFile(dir, "dev")).isFalse();
        assertThatThrownBy(() -> tokenFiles.removeAppTokenFile(dir, "../prod"))
                .isInstanceOfSatisfying(TokenFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));

        Path config = Files.createDirectories(dir.resolve("project"));
        Path legacy = Files.writeString(config.resolve(TokenFiles.LEGACY_FILE_NAME), TOKEN);
        assertThat(tokenFiles.removeBesideConfig(config)).isTrue();
        assertThat(legacy).doesNotExist();
        assertThat(tokenFiles.removeBesideConfig(config)).isFalse();
    }

    @Test
    void refusesAProfileNameThatIsNoPlainFileName() {
        for (String name : new String[] {"../evil", "a/b", ".hidden", "", "a\\b"}) {
            assertThatThrownBy(() -> tokenFiles.writeAppTokenFile(dir, name, token()))
                    .isInstanceOfSatisfying(TokenFileException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        assertThat(dir.resolve("tokens")).doesNotExist();
    }

    @Test
    void besideTheConfigTheFileIsIgnoredAndProvenFirst() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        Path configDir = Files.createDirectories(dir.resolve("config"));
        repo.write("config/config.alloy", "// config\n");

        WrittenTokenFile written = tokenFiles.writeBesideConfig(configDir, token());

        assertThat(written.file()).isEqualTo(configDir.resolve("grafana-token.txt"));
        assertThat(Files.readString(written.file())).isEqualTo(TOKEN);
        assertThat(mode(written.file())).isEqualTo("rw-------");
        assertThat(written.gitIgnore().entryAdded()).isTrue();
        assertThat(written.gitIgnore().ignoredProven()).isTrue();
        assertThat(Files.readAllLines(dir.resolve(".gitignore"))).contains("/config/grafana-token.txt");
        assertThat(repo.git("status", "--porcelain", "--untracked-files=all").stdout())
                .contains("config/config.alloy").doesNotContain("grafana-token.txt");
    }

    @Test
    void besideTheConfigRefusesAFileGitAlreadyTracks() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config/grafana-token.txt", "old");
        repo.commitAll("token committed by mistake");

        assertThatThrownBy(() -> tokenFiles.writeBesideConfig(dir.resolve("config"), token()))
                .isInstanceOfSatisfying(TokenFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TRACKED_BY_GIT);
                    assertThat(e.getMessage()).contains("git rm --cached config/grafana-token.txt");
                });
        assertThat(Files.readString(dir.resolve("config/grafana-token.txt"))).isEqualTo("old");
    }

    @Test
    void besideTheConfigRefusesWhenGitDoesNotConfirmTheIgnore() throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("config/.gitignore", "!grafana-token.txt\n");

        assertThatThrownBy(() -> tokenFiles.writeBesideConfig(dir.resolve("config"), token()))
                .isInstanceOfSatisfying(TokenFileException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_IGNORED));
        assertThat(dir.resolve("config/grafana-token.txt")).doesNotExist();
    }

    @Test
    void besideTheConfigRefusesWhenGitCannotBeRun() throws Exception {
        GitTestRepo.init(dir);
        TokenFiles withoutGit = new TokenFiles(new GitIgnoreGuard(new FakeCommandRunner()));

        assertThatThrownBy(() -> withoutGit.writeBesideConfig(dir, token()))
                .isInstanceOfSatisfying(TokenFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_IGNORED);
                    assertThat(e.getMessage()).contains("git could not be run");
                });
        assertThat(dir.resolve("grafana-token.txt")).doesNotExist();
    }

    @Test
    void besideAConfigOutsideGitNothingElseIsNeeded() throws Exception {
        WrittenTokenFile written = tokenFiles.writeBesideConfig(dir, token());

        assertThat(written.gitIgnore().needed()).isFalse();
        assertThat(Files.readString(written.file())).isEqualTo(TOKEN);
        assertThat(dir.resolve(".gitignore")).doesNotExist();
    }
}
