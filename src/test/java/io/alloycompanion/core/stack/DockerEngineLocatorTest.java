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

    private DockerEngineLocator linux(Map<String, String> variables) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, variables, home);
        return new DockerEngineLocator(env, home.resolve("var-run/docker.sock"));
    }

    @Test
    void dockerHostWins() {
        assertThat(linux(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).locate())
                .isEqualTo(new DockerEndpoint("tcp://127.0.0.1:2375", "DOCKER_HOST"));
    }

    @Test
    void windowsUsesDockerDesktopsNamedPipe() {
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        assertThat(new DockerEngineLocator(env).locate().address()).isEqualTo("npipe:////./pipe/docker_engine");
    }

    @Test
    void theDefaultSocketWhenNothingElseExists() {
        assertThat(linux(Map.of()).locate())
                .isEqualTo(new DockerEndpoint("unix://" + home.resolve("var-run/docker.sock"), "default socket"));
    }

    @Test
    void dockerDesktopAndRootlessSocketsAreFoundWhenTheDefaultIsMissing() throws Exception {
        Path runtime = Files.createDirectories(home.resolve("run"));
        DockerEngineLocator locator = linux(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertThat(locator.candidateSockets()).containsExactly(home.resolve("var-run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), runtime.resolve("docker.sock"));

        Files.createFile(runtime.resolve("docker.sock"));
        assertThat(locator.locate().address()).isEqualTo("unix://" + runtime.resolve("docker.sock"));

        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));
        assertThat(locator.locate().source()).isEqualTo("socket " + home.resolve(".docker/run/docker.sock"));
    }

    @Test
    void aSocketPathWithSpacesBecomesAValidAddress() throws Exception {
        Path socket = Files.createDirectories(home.resolve("Jane Doe/.docker/run")).resolve("docker.sock");
        String address = DockerEngineLocator.unixAddress(socket);
        assertThat(address).contains("Jane%20Doe");
        assertThat(URI.create(address).getPath()).isEqualTo(socket.toString());
    }

    @Test
    void aMalformedDockerHostIsReportedNotThrown() {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("DOCKER_HOST", "unix:///a b/c d.sock"), home);
        DockerEngineStatus status = new DockerEngineProbe(new DockerEngineLocator(env), OperatingSystem.LINUX).probe();
        assertThat(status.reachable()).isFalse();
        assertThat(status.endpoint().address()).isEqualTo("unix:///a b/c d.sock");
        assertThat(status.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("DOCKER_HOST"));
    }

    @Test
    void anEngineThatIsNotThereIsUnreachableWithAHowTo() {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("DOCKER_HOST", "unix://" + home.resolve("no-engine.sock")), home);
        DockerEngineStatus status = new DockerEngineProbe(new DockerEngineLocator(env), OperatingSystem.LINUX).probe();
        assertThat(status.reachable()).isFalse();
        assertThat(status.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("systemctl start docker"));
    }
}
