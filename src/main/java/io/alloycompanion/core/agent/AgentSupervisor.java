package io.alloycompanion.core.agent;

import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessControl;
import io.alloycompanion.core.platform.ThreadPools;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@code alloy run} as a child and watches it: stdout and stderr pumped into the log buffer, readiness from
 * {@code /-/ready}, health from {@code /-/healthy}, crashes with their exit code and last error lines, optional restart
 * with backoff, graceful stop (SIGTERM, then forced after a timeout) of Alloy and every descendant, and reload through
 * {@code /-/reload}. Or attaches to an Alloy it did not start and watches it read-only.
 *
 * <p>No orphans: a shutdown hook stops the child when the app exits; on Linux and macOS Alloy also runs under a small
 * {@code sh} watchdog that reads a pipe from this process and stops Alloy when the pipe closes, which it does when
 * this process dies in any way, even {@code kill -9}; on Windows Alloy is put into a job object that Windows ends with
 * this process ({@link ProcessControl}, which also says how a stop is asked for on each system).
 */
public final class AgentSupervisor implements AutoCloseable {

    /** Called on the supervisor's threads; hand work to the UI thread yourself. */
    public interface Listener {
        void changed(AgentStatus status);

        default void insight(Insight insight) {
        }

        /** Every log record as it is read (on a pump thread); the buffer has it too. */
        default void record(LogRecord record) {
        }
    }

    /** Restart after a crash: off by default; when on, waits {@code initial}, doubling up to {@code max}. */
    public record RestartPolicy(boolean enabled, Duration initial, Duration max) {
        public static final RestartPolicy OFF = new RestartPolicy(false, Duration.ofSeconds(1), Duration.ofMinutes(1));

        public static RestartPolicy on() {
            return new RestartPolicy(true, Duration.ofSeconds(1), Duration.ofMinutes(1));
        }

        Duration delay(int crashesInARow) {
            long millis = initial.toMillis() << Math.min(20, Math.max(0, crashesInARow - 1));
            return Duration.ofMillis(Math.min(max.toMillis(), millis));
        }
    }

    /** Runs Alloy in the background and TERMs it when this process's pipe closes; exits with Alloy's code. */
    static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "child=$!",
            "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP",
            "( while read -r _ <&3; do :; done; kill -TERM \"$child\" 2>/dev/null; sleep 10; kill -KILL \"$child\" 2>/dev/null ) &",
            "watcher=$!",
            "exec 3<&-",
            "status=0",
            "while :; do",
            "  wait \"$child\"; status=$?",
            "  kill -0 \"$child\" 2>/dev/null || break",
            "done",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

    private static final int KEPT_LINES = 40;
    private static final Duration READY_POLL = Duration.ofMillis(200);
    private static final Duration HEALTH_POLL = Duration.ofSeconds(2);
    private static final Duration STABLE = Duration.ofMinutes(2);

    private final LogBuffer buffer;
    private final LogParser parser = new LogParser();
    private final HttpClient http;
    private final Listener listener;
    private final OperatingSystem os;
    private final ProcessControl control;
    private final ScheduledExecutorService scheduler = ThreadPools.scheduler("agent-supervisor");
    private final Thread shutdownHook = ThreadPools.shutdownHook("agent-shutdown", this::stopOnExit);
    private final Deque<LogRecord> recent = new ArrayDeque<>();

    private volatile RestartPolicy policy;
    private AgentStatus status;
    private Process process;
    private AgentLaunch launch;
    private AlloyApi api;
    private long generation;
    private int crashesInARow;
    private int restarts;
    private ScheduledFuture<?> poller;
    private ScheduledFuture<?> pendingRestart;
    private Process logFollower;
    private boolean hooked;
    /** The process a stop was asked of, so that it is asked once. */
    private Process askedToStop;
    /** How long the shutdown hook waits for Alloy before forcing it. */
    private volatile Duration exitGrace = Duration.ofSeconds(5);

    public AgentSupervisor(LogBuffer buffer, HttpClient http, RestartPolicy policy, Listener listener, OperatingSystem os) {
        this(buffer, http, policy, listener, os, ProcessControl.forOs(os));
    }

    AgentSupervisor(LogBuffer buffer, HttpClient http, RestartPolicy policy, Listener listener, OperatingSystem os,
            ProcessControl control) {
        this.control = control;
        this.buffer = buffer;
        this.http = http;
        this.policy = policy;
        this.listener = listener;
        this.os = os;
        this.status = AgentStatus.stopped(ListenAddress.DEFAULT);
    }

    public synchronized AgentStatus status() {
        return status;
    }

    public void setRestartPolicy(RestartPolicy value) {
        policy = value;
    }

    /** The API of the agent started or attached to; empty when there is none. */
    public synchronized Optional<AlloyApi> api() {
        return Optional.ofNullable(api);
    }

    public synchronized Optional<AgentLaunch> launch() {
        return Optional.ofNullable(launch);
    }

    /** Starts Alloy; run {@link Preflight} first. */
    public synchronized void start(AgentLaunch next) throws IOException {
        if (status.running() || status.state() == AgentState.STOPPING) {
            throw new IllegalStateException("The agent is " + status.state().name().toLowerCase() + "; stop it first.");
        }
        cancelPendingRestart();
        // Watching another Alloy that went away: stop following its logs before running our own.
        detach();
        launch = next;
        api = new AlloyApi(http, next.listenAddress());
        spawn();
    }

    private void spawn() throws IOException {
        List<String> command = new ArrayList<>();
        if (os != OperatingSystem.WINDOWS) {
            command.addAll(List.of("/bin/sh", "-c", WATCHDOG, "alloy-watchdog"));
        }
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launch.environment());
        builder.directory(launch.config().toAbsolutePath().getParent() == null ? null
                : launch.config().toAbsolutePath().getParent().toFile());
        long run = ++generation;
        synchronized (recent) {
            recent.clear();
        }
        append(LogRecord.supervisor(LogLevel.INFO, "Starting " + launch.command().stream().collect(Collectors.joining(" "))));
        Process started = builder.start();
        process = started;
        Optional<String> untied;
        try {
            untied = control.adopt(started);
        } catch (RuntimeException | LinkageError e) {
            untied = Optional.of("Alloy is not tied to the app (" + e + "): if the app is killed, Alloy keeps running.");
        }
        untied.ifPresent(why -> append(LogRecord.supervisor(LogLevel.WARN, why)));
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
        LogPump out = LogPump.start("alloy-stdout", started.getInputStream(), LogSource.STDOUT, parser, buffer, this::onRecord);
        LogPump err = LogPump.start("alloy-stderr", started.getErrorStream(), LogSource.STDERR, parser, buffer, this::onRecord);
        Instant now = Instant.now();
        set(new AgentStatus(AgentState.STARTING, Optional.of(started.pid()), now, Optional.of(now), Optional.empty(),
                List.of(), launch.listenAddress(), Optional.of(launch.config()), "", false, restarts));
        started.onExit().thenAccept(exited -> onExit(run, exited, out, err));
        schedulePolling(run, READY_POLL);
    }

    private void onRecord(LogRecord record) {
        synchronized (recent) {
            recent.addLast(record);
            if (recent.size() > KEPT_LINES) {
                recent.removeFirst();
            }
        }
        listener.record(record);
        Insights.detect(record).ifPresent(listener::insight);
    }

    private void append(LogRecord record) {
        onRecord(buffer.append(record));
    }

    private void schedulePolling(long run, Duration every) {
        if (poller != null) {
            poller.cancel(false);
        }
        poller = scheduler.scheduleWithFixedDelay(() -> poll(run), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(long run) {
        AlloyApi current;
        AgentState state;
        synchronized (this) {
            if (run != generation || api == null) {
                return;
            }
            current = api;
            state = status.state();
        }
        try {
            if (state == AgentState.STARTING) {
                if (current.ready().ok()) {
                    synchronized (this) {
                        if (run == generation && status.state() == AgentState.STARTING) {
                            set(with(AgentState.READY, "", Optional.empty()));
                            schedulePolling(run, HEALTH_POLL);
                        }
                    }
                    health(run, current);
                }
            } else if (state == AgentState.READY || state == AgentState.DEGRADED) {
                health(run, current);
            } else if (state == AgentState.STOPPED && current.ready().ok()) {
                // The Alloy being watched came back (e.g. systemctl restart alloy).
                synchronized (this) {
                    if (run == generation && status.attached() && status.state() == AgentState.STOPPED) {
                        set(with(AgentState.READY, "", Optional.empty()));
                        schedulePolling(run, HEALTH_POLL);
                    }
                }
                health(run, current);
            }
        } catch (AlloyApi.Unreachable e) {
            synchronized (this) {
                if (run == generation && status.attached() && status.state() != AgentState.STOPPED) {
                    set(with(AgentState.STOPPED, e.getMessage(), Optional.empty()));
                    schedulePolling(run, HEALTH_POLL); // keep looking: it may come back
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void health(long run, AlloyApi current) throws AlloyApi.Unreachable, InterruptedException {
        AlloyApi.Answer healthy = current.healthy();
        synchronized (this) {
            if (run != generation || !(status.state() == AgentState.READY || status.state() == AgentState.DEGRADED
                    || (status.attached() && status.state() == AgentState.STOPPED))) {
                return;
            }
            AgentState next = healthy.ok() ? AgentState.READY : AgentState.DEGRADED;
            String detail = healthy.ok() ? "" : healthy.body().strip();
            if (next != status.state() || !detail.equals(status.detail())) {
                set(with(next, detail, Optional.empty()));
            }
            if (next == AgentState.READY && crashesInARow > 0 && status.startedAt().isPresent()
                    && Duration.between(status.startedAt().get(), Instant.now()).compareTo(STABLE) > 0) {
                crashesInARow = 0;
            }
        }
    }

    private void onExit(long run, Process exited, LogPump out, LogPump err) {
        try {
            out.await(2000);
            err.await(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = exited.exitValue();
        synchronized (this) {
            if (run != generation) {
                return;
            }
            if (poller != null) {
                poller.cancel(false);
            }
            process = null;
            boolean asked = status.state() == AgentState.STOPPING;
            if (asked) {
                append(LogRecord.supervisor(LogLevel.INFO, "Alloy stopped (exit code " + code + ")"));
                set(new AgentStatus(AgentState.STOPPED, Optional.empty(), Instant.now(), Optional.empty(), Optional.of(code),
                        List.of(), status.listenAddress(), status.config(), "", false, restarts));
                notifyAll();
                return;
            }
            List<String> last = lastErrorLines();
            crashesInARow++;
            String detail = "Alloy exited with code " + code + (status.state() == AgentState.STARTING ? " before it was ready" : "");
            append(LogRecord.supervisor(LogLevel.ERROR, detail));
            // Scheduled before listeners hear of the crash, so they can tell a crash that will be restarted
            // (restartPending) from one that ends the run; the restart waits for this lock and the delay anyway.
            if (policy.enabled()) {
                Duration delay = policy.delay(crashesInARow);
                append(LogRecord.supervisor(LogLevel.INFO, "Restarting in " + delay.toMillis() + " ms (crash " + crashesInARow
                        + " in a row)"));
                pendingRestart = scheduler.schedule(() -> restartAfterCrash(run), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            set(new AgentStatus(AgentState.CRASHED, Optional.empty(), Instant.now(), Optional.empty(), Optional.of(code), last,
                    status.listenAddress(), status.config(), detail, false, restarts));
            notifyAll();
        }
    }

    private synchronized void restartAfterCrash(long run) {
        if (run != generation || status.state() != AgentState.CRASHED || launch == null) {
            return;
        }
        restarts++;
        try {
            spawn();
        } catch (IOException e) {
            set(with(AgentState.CRASHED, "Cannot start Alloy again: " + e.getMessage(), Optional.empty()));
            // Not a crash of Alloy's but of its start: stop retrying, so nobody waits for a restart that never comes.
            pendingRestart = null;
        }
    }

    /** Whether a restart after a crash is scheduled (auto-restart on, waiting its delay). */
    public synchronized boolean restartPending() {
        return pendingRestart != null && !pendingRestart.isDone();
    }

    /** The last lines that look like errors (ERROR level, or raw text such as a Go panic); else the last lines. */
    private List<String> lastErrorLines() {
        List<LogRecord> lines;
        synchronized (recent) {
            lines = new ArrayList<>(recent);
        }
        lines.removeIf(record -> record.source() == LogSource.SUPERVISOR);
        List<String> errors = lines.stream().filter(record -> record.level() == LogLevel.ERROR || !record.parsed())
                .map(LogRecord::raw).collect(Collectors.toList());
        List<String> chosen = errors.isEmpty() ? lines.stream().map(LogRecord::raw).collect(Collectors.toList()) : errors;
        return List.copyOf(chosen.subList(Math.max(0, chosen.size() - 15), chosen.size()));
    }

    private AgentStatus with(AgentState state, String detail, Optional<Integer> exitCode) {
        Optional<Long> pid = alloyPid().or(status::pid);
        return new AgentStatus(state, pid, Instant.now(), status.startedAt(), exitCode.or(status::exitCode),
                status.lastLines(), status.listenAddress(), status.config(), detail, status.attached(), restarts);
    }

    private void set(AgentStatus next) {
        status = next;
        listener.changed(next);
    }

    /**
     * Stops gracefully: SIGTERM (Ctrl+Break on its console on Windows), then a forced kill after {@code grace}; every
     * descendant ends too. Returns Alloy's exit code, if it was running.
     */
    public Optional<Integer> stop(Duration grace) throws InterruptedException {
        Process running;
        long run;
        synchronized (this) {
            cancelPendingRestart();
            if (status.attached()) {
                detach();
                return Optional.empty();
            }
            running = process;
            if (running == null || !running.isAlive()) {
                if (status.state() == AgentState.CRASHED) {
                    set(new AgentStatus(AgentState.STOPPED, Optional.empty(), Instant.now(), Optional.empty(),
                            status.exitCode(), status.lastLines(), status.listenAddress(), status.config(), "", false, restarts));
                }
                return Optional.empty();
            }
            run = generation;
            set(with(AgentState.STOPPING, "", Optional.empty()));
        }
        List<ProcessHandle> tree = running.descendants().collect(Collectors.toList());
        terminate(running, tree, grace);
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (run == generation && status.state() == AgentState.STOPPING && System.nanoTime() < deadline) {
                wait(100);
            }
            return status.exitCode();
        }
    }

    /**
     * Asks through the {@link ProcessControl} (signals through {@link ProcessHandle}, never {@link Process#destroy()}:
     * the latter also closes the pipes, and the last lines Alloy writes while shutting down would be lost), then forces
     * what is left after {@code grace}, or at once when the stop could not be asked for, and in any case when this
     * thread is interrupted meanwhile.
     */
    private void terminate(Process running, List<ProcessHandle> tree, Duration grace) throws InterruptedException {
        ProcessHandle root = running.toHandle();
        boolean first;
        synchronized (this) {
            // One request per process: a second stop (the app's shutdown hook during a Stop, the command line's hook
            // beside this one) only waits and forces; Alloy would take a second interrupt for "quit now".
            first = askedToStop != running;
            askedToStop = running;
        }
        boolean asked = true;
        if (first) {
            try {
                // On Linux and macOS the watchdog forwards SIGTERM to Alloy; Alloy is TERMed too in case the watchdog is gone.
                asked = control.requestStop(root, tree);
            } catch (RuntimeException | LinkageError e) {
                asked = false;
            }
            if (!asked && root.isAlive()) {
                append(LogRecord.supervisor(LogLevel.WARN, "Alloy could not be asked to stop; it is ended by force."));
            }
        }
        try {
            long deadline = System.nanoTime() + (asked ? grace.toNanos() : 0);
            while (System.nanoTime() < deadline && (root.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
                Thread.sleep(50);
            }
        } finally {
            List<ProcessHandle> late = new ArrayList<>(tree);
            root.descendants().forEach(late::add);
            root.destroyForcibly();
            late.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        running.waitFor(5, TimeUnit.SECONDS);
    }

    public void restart(Duration grace) throws IOException, InterruptedException {
        stop(grace);
        synchronized (this) {
            if (launch == null) {
                throw new IllegalStateException("Nothing was started yet.");
            }
            crashesInARow = 0;
            spawn();
        }
    }

    /**
     * Reload with the file on disk: the app's validation first (a refused config never reaches Alloy), then
     * {@code POST /-/reload}, then up to {@code settle} for health, then what changed in component health.
     */
    public ReloadOutcome reload(Preflight preflight, Duration settle) throws InterruptedException {
        AlloyApi current;
        AgentLaunch using;
        synchronized (this) {
            if (api == null || !(status.state() == AgentState.READY || status.state() == AgentState.DEGRADED) || launch == null) {
                return new ReloadOutcome(ReloadOutcome.Result.NOT_RUNNING, "The agent is not running.", Optional.empty(), List.of());
            }
            current = api;
            using = launch;
        }
        Preflight.Report check = preflight.validateConfig(using.binary(), using.config(), true);
        if (!check.passed()) {
            Preflight.Problem first = check.problems().get(0);
            return new ReloadOutcome(ReloadOutcome.Result.REFUSED, first.message(), first.location(), List.of());
        }
        Map<String, ComponentHealth.State> before = states(current);
        AlloyApi.Answer answer;
        try {
            answer = current.reload();
        } catch (AlloyApi.Unreachable e) {
            return new ReloadOutcome(ReloadOutcome.Result.FAILED, e.getMessage(), Optional.empty(), List.of());
        }
        if (!answer.ok()) {
            String text = answer.body().strip();
            return new ReloadOutcome(ReloadOutcome.Result.FAILED, text, Insights.location(text), List.of());
        }
        boolean healthy = false;
        long deadline = System.nanoTime() + settle.toNanos();
        do {
            try {
                healthy = current.healthy().ok();
            } catch (AlloyApi.Unreachable e) {
                healthy = false;
            }
            if (!healthy) {
                Thread.sleep(200);
            }
        } while (!healthy && System.nanoTime() < deadline);
        Map<String, ComponentHealth.State> after = states(current);
        List<ReloadOutcome.Change> changes = new ArrayList<>();
        for (String id : union(before, after)) {
            Optional<ComponentHealth.State> was = Optional.ofNullable(before.get(id));
            Optional<ComponentHealth.State> now = Optional.ofNullable(after.get(id));
            if (!was.equals(now)) {
                changes.add(new ReloadOutcome.Change(id, was, now));
            }
        }
        return new ReloadOutcome(healthy ? ReloadOutcome.Result.RELOADED : ReloadOutcome.Result.RELOADED_UNHEALTHY,
                answer.body().strip(), Optional.empty(), changes);
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> ids = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(id -> !a.containsKey(id)).forEach(ids::add);
        return ids;
    }

    private static Map<String, ComponentHealth.State> states(AlloyApi current) throws InterruptedException {
        Map<String, ComponentHealth.State> out = new LinkedHashMap<>();
        try {
            for (ComponentHealth component : current.components()) {
                out.put(component.id(), component.state());
            }
        } catch (AlloyApi.Unreachable e) {
            // No components to compare; the outcome then lists none.
        }
        return out;
    }

    /**
     * Watches an Alloy this app did not start, read-only: its state from the HTTP API, its logs from
     * {@code logCommand} (e.g. {@code journalctl -u alloy -f}) when there is one.
     */
    public synchronized void attach(String listenAddress, Optional<List<String>> logCommand, LogSource logSource) {
        if (status.running() && !status.attached()) {
            throw new IllegalStateException("Stop the agent this app started before attaching to another.");
        }
        detach();
        long run = ++generation;
        launch = null;
        api = new AlloyApi(http, listenAddress);
        set(new AgentStatus(AgentState.STARTING, Optional.empty(), Instant.now(), Optional.empty(), Optional.empty(), List.of(),
                listenAddress, Optional.empty(), "", true, 0));
        logCommand.ifPresent(command -> {
            try {
                logFollower = new ProcessBuilder(command).redirectErrorStream(true).start();
                LogPump.start("alloy-follow", logFollower.getInputStream(), logSource, parser, buffer, this::onRecord);
            } catch (IOException e) {
                append(LogRecord.supervisor(LogLevel.WARN, "Cannot follow the logs with " + String.join(" ", command) + ": "
                        + e.getMessage()));
            }
        });
        schedulePolling(run, READY_POLL);
    }

    private void detach() {
        if (poller != null) {
            poller.cancel(false);
        }
        if (logFollower != null) {
            logFollower.descendants().forEach(ProcessHandle::destroy);
            logFollower.toHandle().destroy();
            logFollower = null;
        }
        if (status.attached()) {
            generation++;
            api = null;
            set(AgentStatus.stopped(status.listenAddress()));
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    /**
     * How long Alloy gets to stop when the app exits (5 s unless set): the command line, which waits for Alloy's own
     * shutdown on Ctrl+C, gives it as long as its stop does.
     */
    public void setExitGrace(Duration grace) {
        exitGrace = grace;
    }

    /** The shutdown hook: end the child and its tree whatever state the app is in. */
    private void stopOnExit() {
        Process running;
        synchronized (this) {
            running = process;
            if (logFollower != null) {
                logFollower.destroyForcibly();
            }
        }
        if (running != null && running.isAlive()) {
            try {
                synchronized (this) {
                    status = new AgentStatus(AgentState.STOPPING, status.pid(), Instant.now(), status.startedAt(),
                            Optional.empty(), List.of(), status.listenAddress(), status.config(), "", false, restarts);
                }
                terminate(running, running.descendants().collect(Collectors.toList()), exitGrace);
            } catch (InterruptedException e) {
                running.toHandle().destroyForcibly();
            }
        }
    }

    /** Alloy's own process id (under the watchdog on Linux and macOS), once it runs. */
    public synchronized Optional<Long> alloyPid() {
        if (process == null) {
            return Optional.empty();
        }
        if (os == OperatingSystem.WINDOWS) {
            return Optional.of(process.pid());
        }
        return process.children().map(ProcessHandle::pid).findFirst();
    }

    /** The whole process tree this supervisor started (watchdog, Alloy, Alloy's children), for checks. */
    public synchronized List<ProcessHandle> processTree() {
        if (process == null) {
            return List.of();
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(10));
        synchronized (this) {
            detach();
        }
        scheduler.shutdownNow();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
    }
}
