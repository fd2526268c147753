package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.AlloyStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` and `status` from the packaged jar against the Alloy stand-in: real processes, a real HTTP API, real signals.
 * Ctrl+C (SIGINT) stops Alloy cleanly with its exit code; even kill -9 of the app leaves no Alloy behind.
 */
class RunJarIT {

    private static final String CONFIG = "prometheus.remote_write \"default\" {\n  endpoint {\n    url = \"http://127.0.0.1:9/api/v1/write\"\n  }\n}\n\n"
            + "prometheus.scrape \"default\" {\n  targets    = [{\"__address__\" = \"127.0.0.1:9\"}]\n"
            + "  forward_to = [prometheus.remote_write.default.receiver]\n}\n";

    @TempDir
    Path temp;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process run(Path binary, Path config, String listen, Path err, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--alloy-binary", binary.toString(), "--config",
                config.toString(), "--listen", listen));
        args.addAll(List.of(more));
        ProcessBuilder builder = JarProcess.builder(Map.of("ALLOY_COMPANION_HOME", temp.resolve("home").toString()),
                args.toArray(String[]::new));
        builder.environment().remove("DISPLAY");
        return builder.redirectError(err.toFile()).redirectOutput(temp.resolve("run.out").toFile()).start();
    }

    private static void waitForText(Path file, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in " + file + ":\n" + Files.readString(file));
            }
            Thread.sleep(50);
        }
    }

    private static List<ProcessHandle> tree(Process process) {
        return process.descendants().collect(Collectors.toList());
    }

    @Test
    void runReachesReadyStatusListsComponentsAndCtrlCLeavesNoProcess() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "POSIX signals and the stand-in script");
        Path binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(temp.resolve("config.alloy"), CONFIG + "// standin: unauthorized\n");
        String listen = "127.0.0.1:" + freePort();
        Path err = temp.resolve("run.err");
        Process cli = run(binary, config, listen, err);
        try {
            waitForText(err, "alloy-companion: Alloy is ready", 60);
            waitForText(temp.resolve("run.out"), "now listening for http traffic", 10);
            assertThat(Files.readString(temp.resolve("run.out"))).as("readable, no colour without a terminal")
                    .contains("INFO  http: now listening for http traffic addr=" + listen).doesNotContain("\u001b[");
            waitForText(err, "Grafana Cloud rejected the metrics credentials (prometheus.remote_write.default)", 10);

            var status = JarProcess.run(temp.resolve("home"), "status", "--listen", listen, "--json");
            JsonNode json = new ObjectMapper().readTree(status.stdout());
            assertThat(json.get("ready").asBoolean()).isTrue();
            assertThat(json.get("version").asText()).isEqualTo("v1.18.0");
            assertThat(json.get("components")).extracting(node -> node.get("id").asText() + "=" + node.get("state").asText())
                    .containsExactly("prometheus.remote_write.default=unhealthy", "prometheus.scrape.default=healthy");
            assertThat(status.exitCode()).as("unhealthy").isEqualTo(1);

            List<ProcessHandle> tree = tree(cli);
            assertThat(tree).isNotEmpty();
            new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as("Alloy's own exit code after a clean stop").isZero();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(Files.readString(err)).contains("alloy-companion: stopping Alloy");
            assertThat(Files.readString(temp.resolve("run.out"))).contains("shutting down");
        } finally {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    @Test
    void withRestartOnCrashACrashedAlloyIsStartedAgainUntilCtrlC() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "POSIX signals and the stand-in script");
        Path binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(temp.resolve("config.alloy"), CONFIG + "// standin: crash-after=1\n");
        String listen = "127.0.0.1:" + freePort();
        Path err = temp.resolve("run.err");
        Process cli = run(binary, config, listen, err, "--restart-on-crash");
        try {
            waitForText(temp.resolve("run.out"), "Restarting in 1000 ms", 60);
            waitForText(temp.resolve("run.out"), "Restarting in 2000 ms", 30);
            assertThat(cli.isAlive()).as("a crash does not end the command").isTrue();
            assertThat(Files.readString(err).split("alloy-companion: Alloy is ready", -1)).as("ready twice at least").hasSizeGreaterThan(2);
            new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    @Test
    void killingTheAppWithSigkillStillEndsAlloy() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "POSIX signals and the stand-in script");
        Path binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(temp.resolve("config.alloy"), CONFIG);
        String listen = "127.0.0.1:" + freePort();
        Path err = temp.resolve("run.err");
        Process cli = run(binary, config, listen, err);
        List<ProcessHandle> tree = List.of();
        try {
            waitForText(err, "alloy-companion: Alloy is ready", 60);
            tree = tree(cli);
            new ProcessBuilder("kill", "-KILL", Long.toString(cli.pid())).start().waitFor();
            cli.waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(tree).as("the watchdog saw its pipe close and stopped Alloy").noneMatch(ProcessHandle::isAlive);
        } finally {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aBadConfigIsRefusedWithLineAndColumnBeforeAnythingStarts() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in script");
        Path binary = AlloyStandIn.install(temp.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(temp.resolve("config.alloy"), "prometheus.scrape \"x\" {\n  targets = [\n}\n");
        var result = JarProcess.run(temp.resolve("home"), "run", "--alloy-binary", binary.toString(), "--config",
                config.toString(), "--listen", "127.0.0.1:" + freePort());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("error: " + config + ":3:1:").contains("Alloy was not started.");
    }
}
