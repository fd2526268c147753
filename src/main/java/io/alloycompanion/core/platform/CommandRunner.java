package io.alloycompanion.core.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

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
}
