package io.alloycompanion.testsupport;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every command and answers from a script; an unscripted command fails as if the program were missing. */
public final class FakeCommandRunner implements CommandRunner {

    private final Map<List<String>, CommandResult> answers = new LinkedHashMap<>();
    private final List<List<String>> commands = new ArrayList<>();

    public FakeCommandRunner answer(List<String> command, CommandResult result) {
        answers.put(List.copyOf(command), result);
        return this;
    }

    public FakeCommandRunner answer(List<String> command, int exitCode, String stdout) {
        return answer(command, new CommandResult(exitCode, stdout, "", false));
    }

    @Override
    public synchronized CommandResult run(List<String> command, Duration timeout) throws IOException {
        commands.add(List.copyOf(command));
        CommandResult result = answers.get(command);
        if (result == null) {
            throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
        }
        return result;
    }

    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }
}
