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

    /**
     * {@code GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0)}: Ctrl+Break to every process attached to this console.
     * Unlike Ctrl+C it cannot be switched off by an inherited "ignore Ctrl+C" flag.
     */
    boolean generateCtrlBreak();

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
