package io.alloycompanion.core.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds threads: every thread is a named daemon (so the app can always exit) and an error
 * nobody caught is written to the log instead of vanishing.
 */
public final class ThreadPools {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPools.class);
    /** Hands the error to the app-wide handler (the desktop app's error dialog logs and shows it), else logs it. */
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT = (thread, error) -> {
        Thread.UncaughtExceptionHandler global = Thread.getDefaultUncaughtExceptionHandler();
        if (global != null) {
            global.uncaughtException(thread, error);
        } else {
            LOG.error("Uncaught error on thread {}", thread.getName(), error);
        }
    };

    private ThreadPools() {
    }

    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
            return thread;
        };
    }

    /** A pool for short background work (probes, file I/O, HTTP calls) that grows as needed. */
    public static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(daemonThreads(name));
    }

    /** One thread that runs jobs in the order they were given, such as writes to one file. */
    public static ExecutorService sequential(String name) {
        return Executors.newSingleThreadExecutor(daemonThreads(name));
    }

    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    /** A thread for one long-running job, such as reading a process's output stream. */
    public static Thread start(String name, Runnable job) {
        Thread thread = daemonThreads(name).newThread(job);
        thread.start();
        return thread;
    }

    /** An unstarted thread for {@link Runtime#addShutdownHook}: named, errors logged. */
    public static Thread shutdownHook(String name, Runnable job) {
        Thread thread = new Thread(job, name);
        thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return thread;
    }
}
