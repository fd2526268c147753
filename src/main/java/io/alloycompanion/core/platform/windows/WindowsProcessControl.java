package io.alloycompanion.core.platform.windows;

import io.alloycompanion.core.platform.ProcessControl;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and ties a child the Windows way.
 *
 * <p><b>Graceful stop.</b> Windows has no SIGTERM ({@link ProcessHandle#destroy()} is {@code TerminateProcess}); a
 * console program like Alloy stops cleanly on a console Ctrl+Break or Ctrl+C, which Go reads as an interrupt. Java
 * starts the child with a hidden console of its own (its standard streams are pipes), and the Ctrl+Break goes to that
 * console from a short-lived helper, this app started again with {@link ConsoleInterrupt#ARGUMENT}: attaching to a
 * console changes the whole process, so the app itself never does, whatever console it has (none for the desktop app,
 * the user's terminal for the command line, a windowless one under an IDE). The helper takes about as long as a JVM
 * start (0.2 s on Linux, where it only finds it is not on Windows); when it cannot run or fails, the child is ended by
 * force at once.
 *
 * <p><b>No orphans.</b> Each child goes into one job object made with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE} whose
 * handle the app never closes: when the app's process ends, even killed from Task Manager, Windows closes the handle
 * and ends every process in the job, the child's own later children included.
 */
public final class WindowsProcessControl implements ProcessControl {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);
    static final Duration HELPER_LIMIT = Duration.ofSeconds(20);

    /** The command that runs {@link ConsoleInterrupt} for a process id, if this app can start itself again. */
    @FunctionalInterface
    public interface Helper {
        Optional<List<String>> command(long pid);
    }

    private final Win32 win32;
    private final Helper helper;
    private Win32.Job job;
    private boolean jobFailed;
    private int jobError;

    public WindowsProcessControl(Win32 win32, Helper helper) {
        this.win32 = win32;
        this.helper = helper;
    }

    /** Through JNA; when it cannot load, children are ended by force and are not tied to the app (said on start). */
    public static ProcessControl load() {
        Helper helper = pid -> helperCommand(pid, System::getProperty, Files::isRegularFile);
        try {
            return new WindowsProcessControl(JnaWin32.load(), helper);
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

    /**
     * The app's own launcher when it was installed (jpackage names it in {@code jpackage.app-path}; it routes
     * {@link ConsoleInterrupt#ARGUMENT}), else this JVM's {@code java} with its class path running
     * {@link ConsoleInterrupt} directly; empty when neither exists (a runtime without its {@code java} command).
     */
    static Optional<List<String>> helperCommand(long pid, Function<String, String> property, Predicate<Path> isFile) {
        String id = String.valueOf(pid);
        String launcher = property.apply("jpackage.app-path");
        if (launcher != null && !launcher.isBlank() && isFile.test(Path.of(launcher))) {
            return Optional.of(List.of(launcher, ConsoleInterrupt.ARGUMENT, id));
        }
        String home = property.apply("java.home");
        String classPath = property.apply("java.class.path");
        if (home == null || classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        for (String name : List.of("java.exe", "java")) {
            Path java = Path.of(home, "bin", name);
            if (isFile.test(java)) {
                return Optional.of(List.of(java.toString(), "-cp", classPath, ConsoleInterrupt.class.getName(), id));
            }
        }
        return Optional.empty();
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

    /** Runs the helper and waits for it (the tree is reached through the console: it holds Alloy's children too). */
    @Override
    public boolean requestStop(ProcessHandle root, List<ProcessHandle> tree) {
        Optional<List<String>> command = helper.command(root.pid());
        if (command.isEmpty()) {
            LOG.info("No way to start the Ctrl+Break helper here: process {} is ended by force", root.pid());
            return false;
        }
        Process running;
        try {
            // Not the app's streams: the helper gets a hidden console of its own, which it leaves for Alloy's.
            ProcessBuilder builder = new ProcessBuilder(command.get()).redirectErrorStream(true).redirectOutput(Redirect.DISCARD);
            // The app's own JVM options are not the helper's (a debug agent on a port the app holds would stop it).
            builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
            running = builder.start();
            running.getOutputStream().close();
        } catch (IOException e) {
            LOG.info("The Ctrl+Break helper did not start ({}): process {} is ended by force", e.getMessage(), root.pid());
            return false;
        }
        try {
            if (!running.waitFor(HELPER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                LOG.info("The Ctrl+Break helper took over {} s: process {} is ended by force", HELPER_LIMIT.toSeconds(), root.pid());
                return false;
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
        int code = running.exitValue();
        if (code != ConsoleInterrupt.SENT && root.isAlive()) {
            LOG.info("Ctrl+Break to process {} not sent ({}): it is ended by force", root.pid(), ConsoleInterrupt.describe(code));
        }
        return code == ConsoleInterrupt.SENT;
    }
}
