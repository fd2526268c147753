package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.stack.DockerClients;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.testsupport.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stack init`, `up`, `status --json`, `logs` and `down` from the jar, on the real engine with locally built images. */
class StackJarIT {

    @TempDir
    Path temp;

    @Test
    void initUpStatusLogsDownFromTheCommandLine() throws Exception {
        TestServices.require("DOCKER_HOST", "Docker engine");
        String images = TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");
        Path home = temp.resolve("home");
        Path dir = temp.resolve("my stack");
        String project = "it-cli-" + Long.toString(System.nanoTime(), 36);
        List<String> init = new ArrayList<>(List.of("stack", "init", "--dir", dir.toString(), "--project", project,
                "--retention-days", "3"));
        for (String pair : images.split(",")) {
            init.add("--image");
            init.add(pair);
        }
        for (String service : List.of("tempo", "loki", "prometheus", "alloy", "grafana")) {
            init.add("--port");
            init.add(service + "=" + freePort());
        }
        init.add("--otlp-port");
        init.add(String.valueOf(freePort()));
        ObjectMapper json = new ObjectMapper();
        try {
            var created = JarProcess.run(home, init.toArray(String[]::new));
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            assertThat(created.stdout()).contains("created     docker-compose.yml").contains("Next: alloy-companion stack up --dir");

            var up = JarProcess.run(home, "stack", "up", "--dir", dir.toString(), "--json");
            assertThat(up.exitCode()).as(up.stderr() + up.stdout()).isZero();
            assertThat(up.stderr()).contains("grafana: grafana healthy at http://127.0.0.1:").contains("[100%] stack up");

            var status = JarProcess.run(home, "stack", "status", "--dir", dir.toString(), "--json");
            assertThat(status.exitCode()).as(status.stderr()).isZero();
            JsonNode document = json.readTree(status.stdout());
            assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(document.get("project").asText()).isEqualTo(project);
            assertThat(document.get("allHealthy").asBoolean()).isTrue();
            assertThat(document.get("services")).hasSize(5).allSatisfy(service -> {
                assertThat(service.get("state").asText()).isEqualTo("running");
                assertThat(service.get("health").asText()).isEqualTo("healthy");
            });

            var logs = JarProcess.run(home, "stack", "logs", "--dir", dir.toString(), "--tail", "20", "tempo", "alloy");
            assertThat(logs.exitCode()).as(logs.stderr()).isZero();
            assertThat(logs.stdout()).contains("tempo      | level=info msg=\"stand-in starting\" service=tempo")
                    .contains("alloy      | level=info msg=\"stand-in starting\" service=alloy port=12345 args=\"run "
                            + "--server.http.listen-addr=0.0.0.0:12345");

            var unknown = JarProcess.run(home, "stack", "logs", "--dir", dir.toString(), "jaeger");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.stderr()).contains("unknown service jaeger");

            var down = JarProcess.run(home, "stack", "down", "--dir", dir.toString(), "--volumes");
            assertThat(down.exitCode()).as(down.stderr()).isZero();
            var after = JarProcess.run(home, "stack", "status", "--dir", dir.toString(), "--json");
            assertThat(after.exitCode()).isEqualTo(1);
            assertThat(json.readTree(after.stdout()).get("services")).allSatisfy(service ->
                    assertThat(service.get("state").asText()).isEqualTo("missing"));
        } finally {
            JarProcess.run(home, "stack", "down", "--dir", dir.toString(), "--volumes");
        }
        try (DockerClient docker = DockerClients.connect(new DockerEngineLocator(Environment.current()).locate(), Duration.ofSeconds(30))) {
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.alloycompanion.stack", project)).exec()).isEmpty();
            assertThat(docker.listVolumesCmd().exec().getVolumes()).noneMatch(volume -> volume.getName().startsWith(project));
        }
    }

    @Test
    void upWithoutAStackFolderOrEngineIsAnEnvironmentError() throws Exception {
        Path home = temp.resolve("home");
        var notInitialised = JarProcess.run(home, "stack", "up", "--dir", temp.resolve("nothing").toString());
        assertThat(notInitialised.exitCode()).isEqualTo(2);
        var init = JarProcess.run(home, "stack", "init", "--dir", temp.resolve("s").toString());
        assertThat(init.exitCode()).isZero();
        ProcessBuilder noEngine = JarProcess.builder(Map.of("ALLOY_COMPANION_HOME", home.toString(),
                "DOCKER_HOST", "unix://" + temp.resolve("no-engine.sock")), "stack", "status", "--dir", temp.resolve("s").toString());
        Process process = noEngine.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isEqualTo(2);
        assertThat(output).contains("No Docker engine answers at unix://").contains("Start Docker");
        assertThat(notInitialised.stderr()).contains("is not a stack folder yet").contains("stack init --dir");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
