package io.alloycompanion.core.secrets;

import io.alloycompanion.core.platform.AtomicFiles;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Errors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure git ignores a file that will hold a token, and proves it with git itself rather than trusting the
 * {@code .gitignore} text: a rule in a subfolder's {@code .gitignore} can include the file again, and a file git
 * already tracks is committed whatever {@code .gitignore} says.
 */
public final class GitIgnoreGuard {

    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);
    private static final String COMMENT = "# Grafana Cloud token written by Alloy Companion: never commit it";

    private final CommandRunner runner;

    public GitIgnoreGuard(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Adds {@code /<path from the top>} to the work tree's top-level {@code .gitignore} unless it is there, then asks
     * git whether the file is ignored and whether it is tracked. A file outside any work tree needs nothing.
     *
     * @throws IOException when {@code .gitignore} cannot be read or written
     */
    public GitIgnoreResult ensureIgnored(Path file) throws IOException, InterruptedException {
        Path absolute = file.toAbsolutePath().normalize();
        Optional<Path> workTree = GitWorkTrees.containing(absolute.getParent());
        if (workTree.isEmpty()) {
            return GitIgnoreResult.notInWorkTree();
        }
        Path top = workTree.get();
        String relative = top.relativize(absolute).toString().replace(absolute.getFileSystem().getSeparator(), "/");
        Path gitignore = top.resolve(".gitignore");
        boolean added = addEntry(gitignore, "/" + escape(relative));
        try {
            // --no-index: without it git reports a tracked file as not ignored, mixing up the two questions.
            CommandResult ignored = git(top, "check-ignore", "-q", "--no-index", "--", relative);
            CommandResult tracked = git(top, "--literal-pathspecs", "ls-files", "--error-unmatch", "--", relative);
            Optional<String> problem = failure(ignored).or(() -> failure(tracked));
            return new GitIgnoreResult(Optional.of(gitignore), Optional.of(relative), added, ignored.succeeded(),
                    tracked.succeeded(), problem);
        } catch (IOException e) {
            return new GitIgnoreResult(Optional.of(gitignore), Optional.of(relative), added, false, false,
                    Optional.of("git could not be run: " + Errors.rootMessage(e)));
        }
    }

    private CommandResult git(Path top, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", top.toString()));
        command.addAll(List.of(args));
        return runner.run(command, GIT_TIMEOUT);
    }

    /** Exit 1 is git's "no" to both questions; anything else (128, a timeout) means it could not answer. */
    private static Optional<String> failure(CommandResult result) {
        if (result.timedOut()) {
            return Optional.of("git did not answer in time");
        }
        if (result.exitCode() == 0 || result.exitCode() == 1) {
            return Optional.empty();
        }
        String stderr = result.stderr().strip();
        return Optional.of(stderr.isEmpty() ? "git exited with " + result.exitCode() : stderr.lines().findFirst().orElse(stderr));
    }

    /** Appends the entry, keeping the file's bytes, line endings and final newline; false when it is there already. */
    private static boolean addEntry(Path gitignore, String entry) throws IOException {
        byte[] existing = Files.exists(gitignore) ? Files.readAllBytes(gitignore) : new byte[0];
        String text = new String(existing, StandardCharsets.UTF_8);
        if (text.lines().anyMatch(line -> line.strip().equals(entry))) {
            return false;
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(existing);
        if (existing.length > 0 && existing[existing.length - 1] != '\n') {
            out.write(newline.getBytes(StandardCharsets.UTF_8));
        }
        out.write((COMMENT + newline + entry + newline).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(gitignore, out.toByteArray());
        return true;
    }

    /** Escapes what .gitignore would read as a pattern, so the entry matches exactly this one path. */
    static String escape(String relative) {
        StringBuilder out = new StringBuilder(relative.length() + 4);
        for (char c : relative.toCharArray()) {
            if (c == '\\' || c == '*' || c == '?' || c == '[') {
                out.append('\\');
            }
            out.append(c);
        }
        // Trailing spaces are dropped by git unless escaped.
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        if (end < out.length()) {
            String spaces = out.substring(end);
            out.setLength(end);
            spaces.chars().forEach(space -> out.append("\\ "));
        }
        return out.toString();
    }
}
