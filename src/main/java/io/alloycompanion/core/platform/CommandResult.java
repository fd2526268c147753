package io.alloycompanion.core.platform;

/** What an external command did: its exit code (or that it timed out) and everything it printed. */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
