package io.alloycompanion.core.secrets;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for Grafana Cloud tokens where git can publish them: in the files git tracks under a project folder and,
 * when asked, in every line ever added to them in the history. git only lists files and prints the history; all
 * matching happens here, so the stored token is never put on a command line.
 */
public final class LeakScanner {

    /** How far to look. */
    public enum Scope {
        TRACKED_FILES,
        /** Also every commit on every ref: a token removed in a later commit is still published. */
        TRACKED_FILES_AND_HISTORY
    }

    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    // git's own test for binary content: a NUL byte in the first 8000 bytes.
    private static final int BINARY_PROBE_BYTES = 8000;
    private static final Duration LIST_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(10);

    private final CommandRunner runner;

    public LeakScanner(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Scans {@code folder}; {@code storedToken} (the profile's token, if any) is matched by value, whatever its shape.
     * Interrupting the thread stops git and the scan.
     */
    public LeakScanResult scan(Path folder, Optional<Secret> storedToken, Scope scope) throws InterruptedException {
        if (!Files.isDirectory(folder) || GitWorkTrees.containing(folder).isEmpty()) {
            return new LeakScanResult.NotInWorkTree(folder);
        }
        String storedMasked = storedToken.map(Secret::masked).orElse("");
        Optional<char[]> stored = storedToken.map(secret -> secret.reveal(char[]::clone));
        try {
            return scan(folder, new TokenMatcher(stored, storedMasked), scope);
        } finally {
            stored.ifPresent(chars -> Arrays.fill(chars, '\0'));
        }
    }

    private LeakScanResult scan(Path folder, TokenMatcher matcher, Scope scope) throws InterruptedException {
        CommandResult listed;
        try {
            listed = runner.run(List.of("git", "-C", folder.toString(), "ls-files", "-z"), LIST_TIMEOUT);
        } catch (IOException e) {
            return new LeakScanResult.GitFailed("git could not be run: " + Errors.rootMessage(e));
        }
        if (!listed.succeeded()) {
            return new LeakScanResult.GitFailed(listed.timedOut() ? "git ls-files did not finish in time"
                    : firstLine(listed.stderr(), "git ls-files exited with " + listed.exitCode()));
        }
        Set<Leak> leaks = new LinkedHashSet<>();
        int scanned = 0;
        int skipped = 0;
        for (String name : listed.stdout().split("\0")) {
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> text = readText(folder.resolve(name));
            if (text.isEmpty()) {
                skipped++;
                continue;
            }
            scanned++;
            scanText(Path.of(name), text.get(), matcher, leaks);
        }
        if (scope == Scope.TRACKED_FILES) {
            return new LeakScanResult.Completed(List.copyOf(leaks), scanned, skipped, false, Optional.empty());
        }
        Optional<String> problem = scanHistory(folder, matcher, leaks);
        return new LeakScanResult.Completed(List.copyOf(leaks), scanned, skipped, problem.isEmpty(), problem);
    }

    private static void scanText(Path file, String text, TokenMatcher matcher, Set<Leak> leaks) {
        int lineNumber = 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            int lineEnd = end < 0 ? text.length() : end;
            for (TokenMatcher.Match match : matcher.find(text.subSequence(start, lineEnd))) {
                leaks.add(new Leak(file, lineNumber, Optional.empty(), match.maskedValue(), match.kind()));
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
            lineNumber++;
        }
    }

    /** The history of the folder, paths relative to it; empty when it was scanned to the end, else why not. */
    private Optional<String> scanHistory(Path folder, TokenMatcher matcher, Set<Leak> leaks) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString(), "-c", "core.quotePath=false",
                "log", "--all", "-p", "--no-color", "--no-ext-diff", "--no-textconv", "--relative",
                // Fixed prefixes: diff.noprefix or diff.mnemonicPrefix in the user's config would change them.
                "--src-prefix=a/", "--dst-prefix=b/", "--format=commit %H", "--", "."));
        HistoryDiffReader reader = new HistoryDiffReader((commit, file, line, text) -> {
            for (TokenMatcher.Match match : matcher.find(text)) {
                leaks.add(new Leak(Path.of(file), line, Optional.of(commit), match.maskedValue(), match.kind()));
            }
        });
        CommandResult result;
        try {
            result = runner.stream(command, reader, HISTORY_TIMEOUT);
        } catch (IOException e) {
            return Optional.of("git could not be run: " + Errors.rootMessage(e));
        }
        if (result.timedOut()) {
            return Optional.of("the history scan stopped after " + HISTORY_TIMEOUT.toMinutes() + " minutes");
        }
        if (result.exitCode() != 0) {
            String last = reader.lastOtherLine();
            return Optional.of(Redactor.global().redact(last.isEmpty() ? "git log exited with " + result.exitCode() : last));
        }
        return Optional.empty();
    }

    /** The file's text, or empty for what is not worth reading: gone, not a regular file, too large, binary. */
    private static Optional<String> readText(Path file) {
        try {
            // A tracked symbolic link holds only its target's name; following it could leave the work tree.
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE_BYTES); i++) {
                if (bytes[i] == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text, String otherwise) {
        return text.strip().lines().findFirst().orElse(otherwise);
    }
}
