package io.alloycompanion.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEngineLocatorTest {

    @TempDir
    Path home;

    @Test
    void dockerHostWins() {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home);
        assertThat(new DockerEngineLocator(env).locate()).isEqualTo(new DockerEndpoint(URI.create("tcp://127.0.0.1:2375"), "DOCKER_HOST"));
    }

    @Test
    void windowsUsesDockerDesktopsNamedPipe() {
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        assertThat(new DockerEngineLocator(env).locate().uri()).isEqualTo(URI.create("npipe:////./pipe/docker_engine"));
    }

    @Test
    void lookedForSocketsIncludeDockerDesktopAndRootless() throws Exception {
        Path runtime = Files.createDirectories(home.resolve("run"));
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("XDG_RUNTIME_DIR", runtime.toString()), home);
        var locator = new DockerEngineLocator(env);
        assertThat(locator.candidateSockets()).containsExactly(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), runtime.resolve("docker.sock"));
        if (!Files.exists(Path.of("/var/run/docker.sock"))) {
            Files.createFile(runtime.resolve("docker.sock"));
            assertThat(locator.locate().uri()).isEqualTo(URI.create("unix://" + runtime.resolve("docker.sock")));
        }
    }
}
