package io.alloycompanion.core.platform.windows;

/**
 * The few Win32 calls behind {@link WindowsProcessControl} and {@link ConsoleInterrupt}, as an interface so that the
 * order in which they are made is tested on any machine; {@link JnaWin32} makes them through JNA.
 */
public interface Win32 {

    /** {@code AttachConsole(pid)}: only succeeds for a process that has no console yet. */
    boolean attachConsole(long pid);

    /** {@code FreeConsole()}. */
    boolean freeConsole();

    /** {@code SetConsoleCtrlHandler(NULL, ignore)}: whether this process ignores Ctrl+C (its children inherit it). */
    boolean ignoreCtrlC(boolean ignore);

    /** {@code GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)}: Ctrl+C to every process attached to this console. */
    boolean generateCtrlC();

    /** The calling thread's last Win32 error. */
    int lastError();

    /**
     * {@code CreateJobObject} with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}: the job is never closed by the app, so
     * Windows closes it, ending every process in it, when the app's process ends. Null when it could not be made.
     */
    Job createKillOnCloseJob();

    /** A job object. */
    interface Job {
        /** {@code AssignProcessToJobObject}; the process's later children are in the job too. */
        boolean assign(long pid);
    }
}
