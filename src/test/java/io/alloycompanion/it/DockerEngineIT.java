package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.stack.DockerClients;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.DockerEngineProbe;
import io.alloycompanion.core.stack.DockerEngineStatus;
import io.alloycompanion.testsupport.TestServices;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real Docker engine (Debian's docker.io, vfs storage, own socket) reached through docker-java. */
class DockerEngineIT {

    @Test
    void theProbeFindsTheEngineThroughDockerHost() {
        TestServices.require("DOCKER_HOST", "Docker engine");
        Environment env = Environment.current();
        DockerEngineStatus status = new DockerEngineProbe(new DockerEngineLocator(env), OperatingSystem.current()).probe();
        assertThat(status.reachable()).as(status.problem().orElse("")).isTrue();
        assertThat(status.endpoint().source()).isEqualTo("DOCKER_HOST");
        assertThat(status.version()).isPresent();
    }

    @Test
    void createsStartsReadsLogsFromAndRemovesAContainer() throws Exception {
        TestServices.require("DOCKER_HOST", "Docker engine");
        String image = TestServices.require("ALLOY_COMPANION_TEST_DOCKER_IMAGE", "Docker test image");
        var endpoint = new DockerEngineLocator(Environment.current()).locate();
        try (DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            String id = docker.createContainerCmd(image)
                    .withCmd("/bin/sh", "-c", "echo hello from busybox; echo to stderr >&2")
                    .withName("alloy-companion-it-" + System.nanoTime())
                    .exec().getId();
            try {
                docker.startContainerCmd(id).exec();
                Integer exit = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
                assertThat(exit).isZero();

                StringBuilder logs = new StringBuilder();
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                logs.append(frame.getStreamType()).append(": ")
                                        .append(new String(frame.getPayload())).append('\n');
                            }
                        }).awaitCompletion(30, TimeUnit.SECONDS);
                assertThat(logs.toString()).contains("STDOUT: hello from busybox").contains("STDERR: to stderr");
            } finally {
                docker.removeContainerCmd(id).withForce(true).exec();
            }
            assertThat(docker.listContainersCmd().withShowAll(true).exec()).noneMatch(container -> container.getId().equals(id));
        }
    }
}
