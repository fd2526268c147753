package io.alloycompanion.core.platform.windows;

import io.alloycompanion.core.platform.ProcessControl;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and ties a child the Windows way.
 *
 * <p><b>Graceful stop.</b> Windows has no SIGTERM; a console program like Alloy stops cleanly on a console control
 * event (Go reads Ctrl+C and Ctrl+Break both as an interrupt). Java starts a child with a hidden console of its own
 * unless the child inherits a standard handle of a parent that has a console window. So:
 * <ul>
 *   <li>with a console (the command line, or the app started from a terminal) the child inherits stdin and shares
 *   this console: a Ctrl+C typed by the user reaches it directly, and a stop sends Ctrl+C to the console;</li>
 *   <li>without one (the desktop app) a stop attaches to the child's hidden console, sends Ctrl+C there and stays
 *   attached until the child has ended.</li>
 * </ul>
 * Ctrl+C rather than Ctrl+Break because this process can ignore its own copy of Ctrl+C ({@code SetConsoleCtrlHandler(NULL,
 * TRUE)}, undone once the child has ended, and before a child starts since it would inherit it), whereas the JVM
 * answers Ctrl+Break with a thread dump. The console stays attached until the child has ended: freeing it resets this
 * process's control handlers, and a Ctrl+C still on its way would then end the app.
 *
 * <p><b>No orphans.</b> Each child goes into one job object made with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE} whose
 * handle the app never closes: when the app's process ends, even killed from Task Manager, Windows closes the handle
 * and ends every process in the job, the child's own children included.
 */
public final class WindowsProcessControl implements ProcessControl {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);
    /** Attaching and freeing consoles changes the whole process: one at a time, across every instance. */
    private static final Object CONSOLE = new Object();

    private final Win32 win32;
    private Win32.Job job;
    private boolean jobFailed;
    private int jobError;
    private boolean sharesConsole;
    private boolean ignoring;
    private boolean attached;

    public WindowsProcessControl(Win32 win32) {
        this.win32 = win32;
    }

    /** Through JNA; when it cannot load, children are ended by force and are not tied to the app (said on start). */
    public static ProcessControl load() {
        try {
            return new WindowsProcessControl(JnaWin32.load());
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Windows process functions unavailable ({}): Alloy will be ended by force and not tied to the app", e.toString());
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ProcessControl() {
                @Override
                public Optional<String> adopt(Process child) {
                    return Optional.of("Alloy is not tied to the app (Windows functions unavailable: " + why
                            + "): if the app is killed, Alloy keeps running.");
                }

                @Override
                public boolean requestStop(ProcessHandle root, List<ProcessHandle> tree) {
                    return false;
                }
            };
        }
    }

    @Override
    public void prepare(ProcessBuilder builder) {
        synchronized (CONSOLE) {
            if (ignoring) {
                // A child inherits the flag and would ignore the Ctrl+C meant to stop it.
                win32.ignoreCtrlC(false);
                ignoring = false;
            }
            sharesConsole = win32.hasConsoleWindow();
            if (sharesConsole) {
                builder.redirectInput(Redirect.INHERIT);
            }
        }
    }

    @Override
    public synchronized Optional<String> adopt(Process child) {
        if (job == null && !jobFailed) {
            job = win32.createKillOnCloseJob();
            jobFailed = job == null;
            jobError = jobFailed ? win32.lastError() : 0;
        }
        if (job == null) {
            return Optional.of("Alloy is not tied to the app (no job object, Windows error " + jobError
                    + "): if the app is killed, Alloy keeps running.");
        }
        if (!job.assign(child.pid())) {
            return Optional.of("Alloy is not tied to the app (it could not join the app's job object, Windows error "
                    + win32.lastError() + "): if the app is killed, Alloy keeps running.");
        }
        return Optional.empty();
    }

    @Override
    public boolean requestStop(ProcessHandle root, List<ProcessHandle> tree) {
        synchronized (CONSOLE) {
            if (attached || sharesConsole) {
                // Already on the child's console (a second stop), or sharing ours with it.
                return interrupt();
            }
            if (win32.attachConsole(root.pid())) {
                attached = true;
                return interrupt();
            }
            int error = win32.lastError();
            LOG.info("Cannot reach the console of process {} (Windows error {}{}): it is ended by force", root.pid(), error,
                    error == Win32.ERROR_ACCESS_DENIED ? ", this process has a console the child does not share" : "");
            return false;
        }
    }

    private boolean interrupt() {
        if (!ignoring) {
            ignoring = win32.ignoreCtrlC(true);
        }
        if (!ignoring) {
            // Without it the Ctrl+C would end this process as well.
            LOG.info("Cannot ignore Ctrl+C here (Windows error {}): the child is ended by force", win32.lastError());
            release();
            return false;
        }
        return win32.generateCtrlC();
    }

    @Override
    public void stopped() {
        synchronized (CONSOLE) {
            release();
        }
    }

    private void release() {
        if (attached) {
            win32.freeConsole();
            attached = false;
        }
        if (ignoring) {
            win32.ignoreCtrlC(false);
            ignoring = false;
        }
    }
}
