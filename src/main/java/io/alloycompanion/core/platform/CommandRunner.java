package io.alloycompanion.core.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs external commands. Everything OS-specific the app does goes through this one interface, so unit tests
 * can assert the exact commands instead of running them.
 */
public interface CommandRunner {

    /**
     * Runs the command to completion or until the timeout, after which it and its descendants are killed.
     *
     * @throws IOException when the program cannot be started at all (for example it does not exist)
     */
    CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException;

    /**
     * Like {@link #run(List, Duration)}, first writing {@code stdin} to the command's standard input and then closing
     * it. This is how a secret reaches a command: its argv is visible to every user of the machine (ps, Process
     * Explorer), its standard input is not. The caller owns {@code stdin} and may wipe it once this returns.
     * This default can only run commands with no input; runners that start real processes override it.
     */
    default CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException, InterruptedException {
        if (stdin.length > 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write to a command's standard input");
        }
        return run(command, timeout);
    }

    /**
     * Runs the command and hands every line it prints (stdout and stderr) to {@code lines} as it comes, for long
     * commands whose progress the user should see. This default hands them over at the end.
     */
    default CommandResult stream(List<String> command, Consumer<String> lines, Duration timeout)
            throws IOException, InterruptedException {
        CommandResult result = run(command, timeout);
        (result.stdout() + result.stderr()).lines().forEach(lines);
        return result;
    }
}
