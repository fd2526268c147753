package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessControl;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.testsupport.AlloyStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against the Alloy stand-in: real processes, real sockets, real signals. */
class AgentSupervisorTest {

    static final String CONFIG = "prometheus.remote_write \"default\" {\n  endpoint {\n    url = \"http://127.0.0.1:9/api/v1/write\"\n  }\n}\n\n"
            + "prometheus.scrape \"default\" {\n  targets    = [{\"__address__\" = \"127.0.0.1:9\"}]\n"
            + "  forward_to = [prometheus.remote_write.default.receiver]\n}\n";

    @TempDir
    Path temp;

    private final LogBuffer buffer = new LogBuffer(10_000);
    private final List<AgentStatus> states = new CopyOnWriteArrayList<>();
    private final List<Insight> insights = new CopyOnWriteArrayList<>();
    private AgentSupervisor supervisor;
    private Path binary;
    private Path config;
    private String listen;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        config = temp.resolve("config.alloy");
        Files.writeString(config, CONFIG);
        listen = "127.0.0.1:" + freePort();
        supervisor = new AgentSupervisor(buffer, AlloyApi.loopbackClient(), AgentSupervisor.RestartPolicy.OFF, listener,
                OperatingSystem.current());
    }

    private final AgentSupervisor.Listener listener = new AgentSupervisor.Listener() {
        @Override
        public void changed(AgentStatus status) {
            states.add(status);
        }

        @Override
        public void insight(Insight insight) {
            insights.add(insight);
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private AgentLaunch launch(Map<String, String> env) {
        return new AgentLaunch(binary, config, listen, temp.resolve("data"), Optional.empty(), env);
    }

    static void waitFor(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private Preflight preflight() {
        return new Preflight(new ProcessCommandRunner(), new PortProbe(), new PortOwners(OperatingSystem.current(),
                new ProcessCommandRunner()), LintContext.NONE);
    }

    @Test
    void startsBecomesReadyLogsAndStopsWithNoProcessLeft() throws Exception {
        assertThat(preflight().beforeStart(binary, config, listen).passed()).isTrue();
        supervisor.start(launch(Map.of("GCLOUD_RW_API_KEY", "only-in-the-child")));
        waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);
        AgentStatus ready = supervisor.status();
        assertThat(ready.pid()).isPresent();
        assertThat(ready.pid()).isEqualTo(supervisor.alloyPid());
        long alloyPid = ready.pid().orElseThrow();
        if (Files.isReadable(Path.of("/proc/" + alloyPid + "/environ"))) {
            assertThat(Files.readString(Path.of("/proc/" + alloyPid + "/cmdline")))
                    .as("the token is not on the command line").doesNotContain("only-in-the-child");
            assertThat(Files.readString(Path.of("/proc/" + alloyPid + "/environ")))
                    .as("but in the child's environment").contains("GCLOUD_RW_API_KEY=only-in-the-child");
            assertThat(System.getenv("GCLOUD_RW_API_KEY")).as("and not in ours").isNull();
        }
        assertThat(supervisor.api().orElseThrow().components()).extracting(ComponentHealth::id)
                .containsExactly("prometheus.remote_write.default", "prometheus.scrape.default");
        waitFor("startup lines", Duration.ofSeconds(5), () -> buffer.snapshot().stream()
                .anyMatch(record -> record.message().equals("now listening for http traffic")));
        assertThat(buffer.snapshot()).anyMatch(record -> record.source() == LogSource.STDERR
                && record.component().equals("http") && record.fields().get("addr").equals(listen));
        List<ProcessHandle> tree = supervisor.processTree();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(2);

        Optional<Integer> code = supervisor.stop(Duration.ofSeconds(10));

        assertThat(code).contains(0);
        assertThat(supervisor.status().state()).isEqualTo(AgentState.STOPPED);
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(states).extracting(AgentStatus::state).containsSubsequence(AgentState.STARTING, AgentState.READY,
                AgentState.STOPPING, AgentState.STOPPED);
        assertThat(buffer.snapshot()).as(buffer.tail(8).toString()).anyMatch(record -> record.message().equals("shutting down"));
    }

    @Test
    void aCrashIsReportedWithItsLastErrorLinesAndRestartsWithBackoffWhenAsked() throws Exception {
        Files.writeString(config, CONFIG + "// standin: crash-after=0.5\n");
        supervisor.setRestartPolicy(new AgentSupervisor.RestartPolicy(true, Duration.ofMillis(300), Duration.ofSeconds(5)));
        supervisor.start(launch(Map.of()));
        waitFor("crash", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.CRASHED);
        AgentStatus crashed = supervisor.status();
        assertThat(crashed.exitCode()).contains(2);
        assertThat(crashed.lastLines()).anyMatch(line -> line.startsWith("panic: runtime error"))
                .anyMatch(line -> line.contains("component exited with error"));
        waitFor("restarted twice", Duration.ofSeconds(20), () -> supervisor.status().restarts() >= 2);
        long crashes = states.stream().filter(status -> status.state() == AgentState.CRASHED).count();
        assertThat(crashes).as("a crash loop is slowed down, never tight").isLessThanOrEqualTo(4);
        assertThat(buffer.snapshot()).anyMatch(record -> record.message().startsWith("Restarting in 600 ms (crash 2 in a row)"));
    }

    @Test
    void exitingAtOnceIsACrashBeforeReadyAndNoRestartByDefault() throws Exception {
        Files.writeString(config, CONFIG + "// standin: exit-at-once\n");
        supervisor.start(launch(Map.of()));
        waitFor("crash", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.CRASHED);
        assertThat(supervisor.status().detail()).isEqualTo("Alloy exited with code 1 before it was ready");
        Thread.sleep(1500);
        assertThat(supervisor.status().restarts()).isZero();
        assertThat(supervisor.status().state()).isEqualTo(AgentState.CRASHED);
    }

    @Test
    void reloadRefusesABadEditBeforeAlloySeesItAndReportsAlloysOwnRefusal() throws Exception {
        supervisor.start(launch(Map.of()));
        waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);

        Files.writeString(config, CONFIG.replace("forward_to = [", "forward_to = [[") );
        ReloadOutcome refused = supervisor.reload(preflight(), Duration.ofSeconds(5));
        assertThat(refused.result()).isEqualTo(ReloadOutcome.Result.REFUSED);
        assertThat(refused.location()).hasValueSatisfying(location -> {
            assertThat(location.file()).isEqualTo(config.toString());
            assertThat(location.line()).isGreaterThan(1);
        });
        assertThat(buffer.snapshot()).noneMatch(record -> record.message().startsWith("reload requested"));

        Files.writeString(config, CONFIG + "// standin: fail-reload\n");
        ReloadOutcome failed = supervisor.reload(preflight(), Duration.ofSeconds(5));
        assertThat(failed.result()).isEqualTo(ReloadOutcome.Result.FAILED);
        assertThat(failed.location()).contains(new Insight.ConfigLocation(config.toString(), 1, 1, "stand-in told to fail this reload"));
        waitFor("insight", Duration.ofSeconds(5), () -> insights.stream().anyMatch(i -> i.kind() == Insight.Kind.RELOAD_FAILED));
        assertThat(supervisor.status().state()).as("the old config keeps running").isEqualTo(AgentState.READY);

        Files.writeString(config, CONFIG + "\nlocal.file \"token\" {\n  filename = \"/dev/null\"\n}\n");
        ReloadOutcome reloaded = supervisor.reload(preflight(), Duration.ofSeconds(5));
        assertThat(reloaded.result()).isEqualTo(ReloadOutcome.Result.RELOADED);
        assertThat(reloaded.changes()).containsExactly(new ReloadOutcome.Change("local.file.token", Optional.empty(),
                Optional.of(ComponentHealth.State.HEALTHY)));
    }

    @Test
    void rejectedCredentialsMakeItDegradedWithAnInsight() throws Exception {
        Files.writeString(config, CONFIG + "// standin: unauthorized\n");
        supervisor.start(launch(Map.of()));
        waitFor("degraded", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.DEGRADED);
        assertThat(supervisor.status().detail()).isEqualTo("unhealthy components: prometheus.remote_write");
        waitFor("insight", Duration.ofSeconds(5), () -> !insights.isEmpty());
        assertThat(insights.get(0).kind()).isEqualTo(Insight.Kind.METRICS_CREDENTIALS_REJECTED);
        assertThat(insights.get(0).component()).isEqualTo("prometheus.remote_write.default");
    }

    @Test
    void aStopReachesAlloysChildrenAndForcesOneThatIgnoresSigterm() throws Exception {
        Files.writeString(config, CONFIG + "// standin: spawn-child ignore-sigterm\n");
        supervisor.start(launch(Map.of()));
        waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);
        waitFor("child", Duration.ofSeconds(5), () -> supervisor.processTree().size() >= 3);
        List<ProcessHandle> tree = supervisor.processTree();
        long started = System.nanoTime();
        supervisor.stop(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        waitFor("tree gone", Duration.ofSeconds(5), () -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(supervisor.status().state()).isEqualTo(AgentState.STOPPED);
    }

    @Test
    void theOsProcessControlIsAskedInOrderItsWarningIsShownAndAStopItCannotAskForIsForcedAtOnce() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        ProcessControl control = new ProcessControl() {
            @Override
            public Optional<String> adopt(Process child) {
                calls.add("adopt " + child.pid());
                return Optional.of("Alloy is not tied to the app (test)");
            }

            @Override
            public boolean requestStop(ProcessHandle root, List<ProcessHandle> tree) {
                calls.add("requestStop " + root.pid());
                return false;
            }

        };
        startReadyWith(control);
        List<ProcessHandle> tree = supervisor.processTree();
        long root = tree.get(0).pid();
        assertThat(buffer.snapshot()).anyMatch(record -> record.level() == LogLevel.WARN
                && record.message().equals("Alloy is not tied to the app (test)"));

        long started = System.nanoTime();
        supervisor.stop(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no 30 s wait for a stop nobody was asked for")
                .isLessThan(Duration.ofSeconds(10));
        waitFor("tree gone", Duration.ofSeconds(5), () -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(calls).containsExactly("adopt " + root, "requestStop " + root);
        assertThat(buffer.snapshot()).anyMatch(record -> record.level() == LogLevel.WARN
                && record.message().equals("Alloy could not be asked to stop; it is ended by force."));
    }

    @Test
    void twoStopsAtOnceAskAlloyOnceAndBothWaitForIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asks = new java.util.concurrent.atomic.AtomicInteger();
        ProcessControl counting = (root, tree) -> {
            asks.incrementAndGet();
            try {
                // As slow as the Windows helper: the second stop arrives while Alloy still runs.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProcessControl.SIGNALS.requestStop(root, tree);
        };
        startReadyWith(counting);
        List<ProcessHandle> tree = supervisor.processTree();

        List<Thread> stops = List.of(new Thread(this::stopQuietly), new Thread(this::stopQuietly));
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            stop.join(20_000);
        }

        assertThat(asks).as("a second interrupt means quit now to Alloy").hasValue(1);
        waitFor("tree gone", Duration.ofSeconds(5), () -> tree.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(supervisor.status().state()).isEqualTo(AgentState.STOPPED);
        assertThat(buffer.snapshot()).as("asked, so it stopped by itself").anyMatch(record -> record.message().equals("shutting down"));
    }

    /** Replaces the supervisor with one that uses {@code control} and starts the stand-in until it is ready. */
    private void startReadyWith(ProcessControl control) throws Exception {
        supervisor.close();
        supervisor = new AgentSupervisor(buffer, AlloyApi.loopbackClient(), AgentSupervisor.RestartPolicy.OFF, listener,
                OperatingSystem.current(), control);
        supervisor.start(launch(Map.of()));
        waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);
    }

    private void stopQuietly() {
        try {
            supervisor.stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void thePortsAreCheckedFirstAndTheHolderNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(ListenAddress.port(listen).orElseThrow(), 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Preflight.Report report = preflight().beforeStart(binary, config, listen);
            assertThat(report.passed()).isFalse();
            assertThat(report.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.kind()).isEqualTo(Preflight.Problem.Kind.PORT_IN_USE);
                assertThat(problem.message()).startsWith("Port " + taken.getLocalPort() + " for Alloy's HTTP server");
                if (OperatingSystem.current() == OperatingSystem.LINUX && new java.io.File("/usr/bin/ss").canExecute()
                        || new java.io.File("/bin/ss").canExecute()) {
                    assertThat(problem.message()).contains("held by java (pid " + ProcessHandle.current().pid() + ")");
                }
            });
            // Started anyway, Alloy says it cannot listen: a crash with the port-clash insight.
            supervisor.start(launch(Map.of()));
            waitFor("crash", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.CRASHED);
            waitFor("insight", Duration.ofSeconds(5), () -> !insights.isEmpty());
            assertThat(insights.get(0).kind()).isEqualTo(Insight.Kind.PORT_CLASH);
        }
    }

    @Test
    void attachesToAnAlloyItDidNotStartAndWatchesItReadOnly() throws Exception {
        Process other = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                .redirectErrorStream(true).redirectOutput(temp.resolve("other.log").toFile()).start();
        try {
            supervisor.attach(listen, Optional.of(List.of("tail", "-n", "+1", "-f", temp.resolve("other.log").toString())),
                    LogSource.JOURNAL);
            waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);
            assertThat(supervisor.status().attached()).isTrue();
            waitFor("its logs", Duration.ofSeconds(10), () -> buffer.snapshot().stream()
                    .anyMatch(record -> record.source() == LogSource.JOURNAL && record.message().equals("Alloy is starting")));
            supervisor.stop(Duration.ofSeconds(5));
            assertThat(other.isAlive()).as("detaching never stops someone else's Alloy").isTrue();
            assertThat(supervisor.status().state()).isEqualTo(AgentState.STOPPED);
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    @Test
    void aWatchedAlloyThatStopsIsShownStoppedAndWatchedAgainWhenItComesBack() throws Exception {
        Process other = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                .redirectErrorStream(true).redirectOutput(temp.resolve("other.log").toFile()).start();
        Process again = null;
        try {
            supervisor.attach(listen, Optional.empty(), LogSource.JOURNAL);
            waitFor("ready", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.READY);
            other.destroy();
            other.waitFor();
            waitFor("stopped", Duration.ofSeconds(20), () -> supervisor.status().state() == AgentState.STOPPED);
            assertThat(supervisor.status().attached()).as("still watching the address").isTrue();

            again = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                    .redirectErrorStream(true).redirectOutput(temp.resolve("again.log").toFile()).start();
            waitFor("back", Duration.ofSeconds(30), () -> supervisor.status().state() == AgentState.READY);
            assertThat(supervisor.status().attached()).isTrue();
        } finally {
            other.destroy();
            if (again != null) {
                again.destroy();
                again.waitFor();
            }
        }
    }
}
