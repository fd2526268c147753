package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temporary folder, with an identity of its own so commits work on any machine. */
final class GitTestRepo {

    static final ProcessCommandRunner RUNNER = new ProcessCommandRunner();

    final Path top;

    private GitTestRepo(Path top) {
        this.top = top;
    }

    static GitTestRepo init(Path dir) throws Exception {
        GitTestRepo repo = new GitTestRepo(dir);
        repo.git("init", "-q");
        return repo;
    }

    CommandResult git(String... args) throws Exception {
        CommandResult result = gitAllowingFailure(args);
        assertThat(result.exitCode()).as("git %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }

    CommandResult gitAllowingFailure(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", top.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"));
        command.addAll(List.of(args));
        return RUNNER.run(command, Duration.ofSeconds(30));
    }

    Path write(String relative, String content) throws IOException {
        Path file = top.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    void commitAll(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    boolean ignores(String relative) throws Exception {
        return gitAllowingFailure("check-ignore", "-q", "--", relative).exitCode() == 0;
    }
}
