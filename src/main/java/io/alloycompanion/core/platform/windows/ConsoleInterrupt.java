package io.alloycompanion.core.platform.windows;

/**
 * The short-lived helper process that sends Ctrl+C to Alloy on Windows, so that the app's own console (if it has
 * one) and its own Ctrl+C handling are never touched: it leaves whatever console it was given, attaches to Alloy's
 * hidden one, ignores Ctrl+C itself and sends it to every process on that console (Alloy and its children; Go reads it
 * as an interrupt). Its exit code says how far it got.
 */
public final class ConsoleInterrupt {

    /** The argument the app's launcher routes to {@link #main} ({@code Launcher}), followed by the process id. */
    public static final String ARGUMENT = "--internal-console-interrupt";

    static final int SENT = 0;
    static final int USAGE = 2;
    static final int NO_WINDOWS_CALLS = 3;
    static final int ATTACH_FAILED = 4;
    static final int IGNORE_FAILED = 5;
    static final int SEND_FAILED = 6;

    private ConsoleInterrupt() {
    }

    /** What an exit code of the helper means, for the app's log. */
    static String describe(int exitCode) {
        return switch (exitCode) {
            case SENT -> "sent";
            case USAGE -> "bad arguments";
            case NO_WINDOWS_CALLS -> "Windows functions unavailable";
            case ATTACH_FAILED -> "could not attach to the process's console";
            case IGNORE_FAILED -> "could not ignore its own Ctrl+C";
            case SEND_FAILED -> "GenerateConsoleCtrlEvent failed";
            default -> "exit code " + exitCode;
        };
    }

    static int run(Win32 win32, long pid) {
        // The console this helper may have been given (a hidden one) is not Alloy's: leave it first.
        win32.freeConsole();
        if (!win32.attachConsole(pid)) {
            return ATTACH_FAILED;
        }
        if (!win32.ignoreCtrlC(true)) {
            return IGNORE_FAILED;
        }
        return win32.generateCtrlC() ? SENT : SEND_FAILED;
    }

    /** {@code ConsoleInterrupt PID}; exits with {@link #SENT} or the step that failed. */
    public static void main(String[] args) {
        System.exit(exitCode(args));
    }

    static int exitCode(String[] args) {
        long pid;
        try {
            pid = Long.parseLong(args.length == 1 ? args[0] : "");
        } catch (NumberFormatException e) {
            return USAGE;
        }
        Win32 win32;
        try {
            win32 = JnaWin32.load();
        } catch (LinkageError | RuntimeException e) {
            return NO_WINDOWS_CALLS;
        }
        return run(win32, pid);
    }
}
