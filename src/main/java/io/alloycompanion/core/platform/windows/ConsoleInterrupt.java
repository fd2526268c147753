package io.alloycompanion.core.platform.windows;

/**
 * The short-lived helper process that interrupts Alloy on Windows, so that the app's own console (if it has one) is
 * never touched: it leaves whatever console it was given, attaches to Alloy's hidden one and sends Ctrl+Break to
 * every process on it (Alloy and its children; Go reads Ctrl+Break as an interrupt, like Ctrl+C). Ctrl+Break because
 * an "ignore Ctrl+C" flag, which a process inherits from the one that started it, cannot switch it off; the helper's
 * own JVM answers it with a thread dump into its discarded output and exits. Its exit code says how far it got.
 */
public final class ConsoleInterrupt {

    /** The argument the app's launcher routes to {@link #main} ({@code Launcher}), followed by the process id. */
    public static final String ARGUMENT = "--internal-console-interrupt";

    static final int SENT = 0;
    static final int USAGE = 2;
    static final int NO_WINDOWS_CALLS = 3;
    static final int ATTACH_FAILED = 4;
    static final int SEND_FAILED = 6;
    static final int UNEXPECTED = 7;

    private ConsoleInterrupt() {
    }

    /** What an exit code of the helper means, for the app's log. */
    static String describe(int exitCode) {
        return switch (exitCode) {
            case SENT -> "sent";
            case USAGE -> "bad arguments";
            case NO_WINDOWS_CALLS -> "Windows functions unavailable";
            case ATTACH_FAILED -> "could not attach to the process's console";
            case SEND_FAILED -> "GenerateConsoleCtrlEvent failed";
            case UNEXPECTED -> "unexpected error in the helper";
            default -> "exit code " + exitCode;
        };
    }

    static int run(Win32 win32, long pid) {
        // The console this helper may have been given (a hidden one) is not Alloy's: leave it first.
        win32.freeConsole();
        if (!win32.attachConsole(pid)) {
            return ATTACH_FAILED;
        }
        return win32.generateCtrlBreak() ? SENT : SEND_FAILED;
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
        // A process id is a positive DWORD; -1 would be ATTACH_PARENT_PROCESS, the caller's own console.
        if (pid <= 0 || pid > 0xFFFF_FFFFL) {
            return USAGE;
        }
        Win32 win32;
        try {
            win32 = JnaWin32.load();
        } catch (LinkageError | RuntimeException e) {
            return NO_WINDOWS_CALLS;
        }
        try {
            return run(win32, pid);
        } catch (Throwable e) {
            return UNEXPECTED;
        }
    }
}
