package io.alloycompanion.testsupport;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Records every command and answers from a script; an unscripted command fails as if the program were missing. */
public final class FakeCommandRunner implements CommandRunner {

    private final Map<List<String>, CommandResult> answers = new LinkedHashMap<>();
    private final List<Map.Entry<Predicate<List<String>>, CommandResult>> patterns = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final List<byte[]> stdins = new ArrayList<>();
    private final List<Consumer<List<String>>> onRun = new ArrayList<>();

    public FakeCommandRunner answer(List<String> command, CommandResult result) {
        answers.put(List.copyOf(command), result);
        return this;
    }

    public FakeCommandRunner answer(List<String> command, int exitCode, String stdout) {
        return answer(command, new CommandResult(exitCode, stdout, "", false));
    }

    /** Answers every command that {@code matches}, for commands holding generated names (checked after exact ones). */
    public FakeCommandRunner answer(Predicate<List<String>> matches, CommandResult result) {
        patterns.add(Map.entry(matches, result));
        return this;
    }

    /** Calls {@code check} as each command runs, to look at files that exist only while it runs. */
    public FakeCommandRunner whileRunning(Consumer<List<String>> check) {
        onRun.add(check);
        return this;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        return run(command, new byte[0], timeout);
    }

    @Override
    public synchronized CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        commands.add(List.copyOf(command));
        // A copy: callers wipe their buffer (it may hold a secret) as soon as the command has run.
        stdins.add(stdin.clone());
        onRun.forEach(check -> check.accept(command));
        CommandResult result = answers.get(command);
        for (int i = 0; result == null && i < patterns.size(); i++) {
            result = patterns.get(i).getKey().test(command) ? patterns.get(i).getValue() : null;
        }
        if (result == null) {
            throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
        }
        return result;
    }

    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** What each command got on its standard input, in the order of {@link #commands()} (empty when none). */
    public synchronized List<String> stdins() {
        return stdins.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
