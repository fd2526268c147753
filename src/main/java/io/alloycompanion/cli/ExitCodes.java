package io.alloycompanion.cli;

/** The exit codes every command keeps to (see the command line contract). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE_OR_ENVIRONMENT = 2;

    private ExitCodes() {
    }
}
