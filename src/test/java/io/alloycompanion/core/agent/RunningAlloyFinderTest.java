package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.testsupport.AlloyStandIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding an Alloy the app did not start: a real stand-in process on a real port, found by its HTTP address; the
 * OS's answers about services (systemctl, sc.exe) are scripted, the port's owner comes from the real {@code ss}.
 */
class RunningAlloyFinderTest {

    @TempDir
    Path temp;

    private Process other;
    private String listen;
    private final List<List<String>> commands = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(OperatingSystem.current() == OperatingSystem.LINUX, "the port's owner comes from ss");
        Path binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        Path config = temp.resolve("config.alloy");
        Files.writeString(config, AgentSupervisorTest.CONFIG);
        listen = "127.0.0.1:" + AgentSupervisorTest.freePort();
        other = new ProcessBuilder(binary.toString(), "run", config.toString(), "--server.http.listen-addr=" + listen)
                .redirectErrorStream(true).redirectOutput(temp.resolve("other.log").toFile()).start();
        AlloyApi api = new AlloyApi(AlloyApi.loopbackClient(), listen);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.ready().ok()) {
                    break;
                }
            } catch (AlloyApi.Unreachable e) {
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (other != null) {
            other.destroy();
            other.waitFor();
        }
    }

    /** Real {@code ss}; {@code answers} for the service managers' commands; anything else "not found". */
    private CommandRunner runner(Map<List<String>, CommandResult> answers) {
        ProcessCommandRunner real = new ProcessCommandRunner();
        return (command, timeout) -> {
            commands.add(command);
            if (command.get(0).equals("ss")) {
                return real.run(command, timeout);
            }
            CommandResult answer = answers.get(command);
            if (answer == null) {
                throw new IOException(command.get(0) + ": not found");
            }
            return answer;
        };
    }

    private RunningAlloyFinder finder(OperatingSystem os, Map<List<String>, CommandResult> answers) {
        CommandRunner runner = runner(answers);
        return new RunningAlloyFinder(AlloyApi.loopbackClient(), new PortOwners(OperatingSystem.LINUX, runner), runner, os,
                pid -> Optional.empty());
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    private long alloyPid() {
        return other.pid();
    }

    @Test
    void theSystemUnitRunningIt_followsTheJournal() throws Exception {
        Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.LINUX, Map.of(
                RunningAlloyFinder.mainPidCommand(false), ok(alloyPid() + "\n"))).find(listen);

        assertThat(found).isPresent();
        assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.SYSTEMD);
        assertThat(found.get().owner()).map(PortOwners.Owner::pid).contains(alloyPid());
        assertThat(found.get().logCommand()).contains(List.of("journalctl", "-u", "alloy.service", "-f", "-o", "cat",
                "-n", "200", "--no-pager"));
        assertThat(found.get().logSource()).isEqualTo(LogSource.JOURNAL);
    }

    @Test
    void theUserUnitRunningIt_followsTheUsersJournal() throws Exception {
        Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.LINUX, Map.of(
                RunningAlloyFinder.mainPidCommand(false), ok("0\n"),
                RunningAlloyFinder.mainPidCommand(true), ok(alloyPid() + "\n"))).find(listen);

        assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.SYSTEMD_USER);
        assertThat(found.get().logCommand().get()).startsWith("journalctl", "--user", "-u", "alloy.service", "-f");
    }

    @Test
    void aUnitRunningAnotherAlloy_isNotTakenForThisOne() throws Exception {
        Process someoneElse = new ProcessBuilder("sleep", "30").start();
        try {
            Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.LINUX, Map.of(
                    RunningAlloyFinder.mainPidCommand(false), ok(someoneElse.pid() + "\n"),
                    RunningAlloyFinder.mainPidCommand(true), ok("0\n"))).find(listen);

            assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.OTHER);
            assertThat(found.get().logCommand()).isEmpty();
        } finally {
            someoneElse.destroy();
        }
    }

    @Test
    void noServiceManager_isWatchedWithoutLogs() throws Exception {
        Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.LINUX, Map.of()).find(listen);

        assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.OTHER);
        assertThat(found.get().owner()).map(PortOwners.Owner::pid).contains(alloyPid());
        assertThat(found.get().logCommand()).isEmpty();
    }

    @Test
    void theWindowsServiceRunningIt_followsTheEventLog() throws Exception {
        String sc = "\r\nSERVICE_NAME: Alloy\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n"
                + "        STATE              : 4  RUNNING\r\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n"
                + "        WIN32_EXIT_CODE    : 0  (0x0)\r\n        PID                : " + alloyPid() + "\r\n        FLAGS              :\r\n";
        Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.WINDOWS, Map.of(RunningAlloyFinder.SC_QUERY, ok(sc)))
                .find(listen);

        assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.WINDOWS_SERVICE);
        assertThat(found.get().logSource()).isEqualTo(LogSource.EVENT_LOG);
        List<String> command = found.get().logCommand().get();
        assertThat(command.subList(0, command.size() - 1)).containsExactly("powershell.exe", "-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-EncodedCommand");
        String script = new String(Base64.getDecoder().decode(command.get(command.size() - 1)), StandardCharsets.UTF_16LE);
        assertThat(script).isEqualTo(RunningAlloyFinder.eventLogScript())
                .contains("ProviderName='Alloy'", "Provider[@Name='Alloy'] and (EventRecordID > $last)", "-MaxEvents 200");
    }

    @Test
    void aStoppedWindowsService_isNotTheOneListening() throws Exception {
        String sc = "SERVICE_NAME: Alloy\r\n        STATE              : 1  STOPPED\r\n        PID                : 0\r\n";
        Optional<RunningAlloyFinder.Found> found = finder(OperatingSystem.WINDOWS, Map.of(RunningAlloyFinder.SC_QUERY, ok(sc)))
                .find(listen);

        assertThat(found.get().manager()).isEqualTo(RunningAlloyFinder.Manager.OTHER);
    }

    @Test
    void nothingListening_findsNothing() throws Exception {
        String free = "127.0.0.1:" + AgentSupervisorTest.freePort();

        assertThat(finder(OperatingSystem.LINUX, Map.of()).find(free)).isEmpty();
        assertThat(commands).as("no service manager is asked when nothing answers").isEmpty();
    }

    @Test
    void aWebServerThatIsNotAlloy_isNotTakenForOne() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            assertThat(finder(OperatingSystem.LINUX, Map.of()).find("127.0.0.1:" + server.getAddress().getPort())).isEmpty();
        } finally {
            server.stop(0);
        }
    }
}
