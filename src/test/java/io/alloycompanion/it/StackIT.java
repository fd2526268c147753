package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.stack.DockerClients;
import io.alloycompanion.core.stack.DockerEndpoint;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.stack.StackStatus;
import io.alloycompanion.testsupport.TestServices;
import io.alloycompanion.testsupport.UnixSocketProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack on a real Docker engine (the test services' dockerd), with images built there by {@code docker import}:
 * Debian's real Prometheus and busybox stand-ins answering the other services' health endpoints.
 */
class StackIT {

    @TempDir
    Path dir;

    private DockerEndpoint endpoint;
    private final List<String> projects = new ArrayList<>();
    private final List<String> removeAfterDown = new ArrayList<>();

    @BeforeEach
    void engine() {
        TestServices.require("DOCKER_HOST", "Docker engine");
        TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");
        endpoint = new DockerEngineLocator(Environment.current()).locate();
    }

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        for (String project : projects) {
            StackOrchestrator orchestrator = new StackOrchestrator(endpoint, new StackFolder(dir),
                    StackSettings.DEFAULTS.withProject(project), Optional.empty(), Duration.ofMillis(200));
            try (orchestrator) {
                orchestrator.down(true, StackEvent.Listener.NONE);
            }
        }
        try (DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            for (String image : removeAfterDown) {
                removeImage(docker, image);
            }
        }
    }

    private static void removeImage(DockerClient docker, String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // not here
        }
    }

    @Test
    void upReachesAllHealthyInOrderAndDownLeavesNothingBehind() throws Exception {
        StackSettings settings = settings("it-up");
        new StackFolder(dir).write(settings);
        List<StackEvent> events = new CopyOnWriteArrayList<>();
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
            StackStatus status = stack.up(events::add);

            assertThat(status.allHealthy()).as(status.toString()).isTrue();
            assertThat(status.services()).extracting(ServiceStatus::state).containsOnly("running");
            // Each service was healthy before the next one was created: backends, then Alloy, then Grafana.
            List<StackService> healthyOrder = events.stream().filter(event -> event.step() == StackEvent.Step.HEALTHY)
                    .map(event -> event.service().orElseThrow()).collect(Collectors.toList());
            assertThat(healthyOrder).containsExactly(StackService.values());
            assertThat(events.get(events.size() - 1).fraction()).isEqualTo(1.0);

            // The real Prometheus read the generated prometheus.yml and accepts remote writes.
            String targets = get("http://127.0.0.1:" + settings.hostPort(StackService.PROMETHEUS) + "/api/v1/status/config");
            assertThat(targets).contains("job_name: prometheus");
            String flags = get("http://127.0.0.1:" + settings.hostPort(StackService.PROMETHEUS) + "/api/v1/status/flags");
            assertThat(flags).contains("\"web.enable-remote-write-receiver\":\"true\"");
            // Alloy's OTLP port is published too.
            assertThat(get("http://127.0.0.1:" + settings.otlpHttpHostPort() + "/ready")).contains("ready");

            // Logs of one service, and a second up changes nothing.
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch seen = new CountDownLatch(1);
            try (var logs = stack.logs(StackService.TEMPO, 50, false, (service, time, line, stderr) -> {
                lines.add(line);
                seen.countDown();
            })) {
                assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lines).anyMatch(line -> line.contains("stand-in starting") && line.contains("-config.file=/etc/tempo/tempo-config.yaml"));
            List<StackEvent> again = new CopyOnWriteArrayList<>();
            stack.up(again::add);
            assertThat(again).filteredOn(event -> event.step() == StackEvent.Step.CREATE).isEmpty();

            // A changed config file makes that one container be recreated.
            java.nio.file.Files.writeString(dir.resolve("loki/loki-config.yaml"), "\n# edited\n",
                    java.nio.file.StandardOpenOption.APPEND);
            List<StackEvent> third = new CopyOnWriteArrayList<>();
            stack.up(third::add);
            assertThat(third).filteredOn(event -> event.step() == StackEvent.Step.CREATE)
                    .extracting(event -> event.service().orElseThrow()).containsExactly(StackService.LOKI);

            // Files written again (as after a settings change): restart makes that service's container anew.
            new StackFolder(dir).write(settings.withRetentionDays(3));
            List<StackEvent> restarted = new CopyOnWriteArrayList<>();
            stack.restart(StackService.TEMPO, restarted::add);
            assertThat(restarted).filteredOn(event -> event.step() == StackEvent.Step.CREATE)
                    .extracting(event -> event.service().orElseThrow()).containsExactly(StackService.TEMPO);
            stack.restart(StackService.GRAFANA, StackEvent.Listener.NONE);
            assertThat(stack.status().service(StackService.GRAFANA).orElseThrow().health()).isEqualTo(ServiceStatus.Health.HEALTHY);

            stack.stop(StackService.GRAFANA);
            StackStatus stopped = stack.status();
            assertThat(stopped.service(StackService.GRAFANA).orElseThrow().state()).isEqualTo("exited");
            assertThat(stopped.allHealthy()).isFalse();

            stack.down(false, StackEvent.Listener.NONE);
            assertThat(stack.status().anyContainer()).isFalse();
        }
        try (DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.alloycompanion.stack", settings.project())).exec()).isEmpty();
            assertThat(docker.listNetworksCmd().withNameFilter(settings.network()).exec()).isEmpty();
            // Data volumes are kept unless asked.
            assertThat(docker.inspectVolumeCmd(settings.name("prometheus-data")).exec().getName()).isEqualTo(settings.name("prometheus-data"));
        }
    }

    @Test
    void aServiceThatNeverBecomesHealthyFailsWithItsLastLogLines() throws Exception {
        String neverReady = TestServices.require("ALLOY_COMPANION_TEST_NEVER_READY_IMAGE", "the never-ready test image");
        StackSettings settings = settings("it-unhealthy").withImage(StackService.LOKI, neverReady).withHealthTimeoutSeconds(3);
        new StackFolder(dir).write(settings);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> stack.up(StackEvent.Listener.NONE)).isInstanceOfSatisfying(StackException.class, e -> {
                assertThat(e.kind()).isEqualTo(StackException.Kind.UNHEALTHY);
                assertThat(e.service()).contains(StackService.LOKI);
                assertThat(e.getMessage()).contains("within 3 s").contains("/ready answered 404");
                assertThat(e.lastLogLines()).anyMatch(line -> line.contains("stand-in starting") && line.contains("service=never-ready"));
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            // Nothing after Loki was started.
            StackStatus status = stack.status();
            assertThat(status.service(StackService.ALLOY).orElseThrow().state()).isEqualTo("missing");
            assertThat(status.service(StackService.TEMPO).orElseThrow().health()).isEqualTo(ServiceStatus.Health.HEALTHY);
        }
    }

    @Test
    void aServiceThatCrashesIsReportedAtOnceWithItsExitCodeNotAfterTheTimeout() throws Exception {
        String crashing = TestServices.require("ALLOY_COMPANION_TEST_CRASHING_IMAGE", "the crashing test image");
        StackSettings settings = settings("it-crash").withImage(StackService.LOKI, crashing).withHealthTimeoutSeconds(90);
        new StackFolder(dir).write(settings);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> stack.up(StackEvent.Listener.NONE)).isInstanceOfSatisfying(StackException.class, e -> {
                assertThat(e.kind()).isEqualTo(StackException.Kind.EXITED);
                assertThat(e.service()).contains(StackService.LOKI);
                assertThat(e.getMessage()).contains("loki stopped with exit code 1").contains("loki");
                assertThat(e.lastLogLines()).anyMatch(line -> line.contains("failed parsing config"));
            });
            // Docker restarts it (unless-stopped), yet it is not waited on for the 90 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingIsCreated() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StackSettings settings = settings("it-port").withHostPort(StackService.GRAFANA, taken.getLocalPort());
            new StackFolder(dir).write(settings);
            try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
                assertThatThrownBy(() -> stack.up(StackEvent.Listener.NONE)).isInstanceOfSatisfying(StackException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StackException.Kind.PORT_CLASH);
                    assertThat(e.service()).contains(StackService.GRAFANA);
                    assertThat(e.getMessage()).contains("Port " + taken.getLocalPort() + " (grafana) is already in use")
                            .contains("--port grafana=");
                });
                assertThat(stack.status().anyContainer()).isFalse();
            }
        }
    }

    @Test
    void aMissingImageIsPulledFromAReachableRegistryWithProgress() throws Exception {
        String remote = TestServices.require("ALLOY_COMPANION_TEST_REGISTRY_IMAGE", "the local image registry");
        try (DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            removeImage(docker, remote);
            StackSettings settings = settings("it-pull").withImage(StackService.TEMPO, remote);
            new StackFolder(dir).write(settings);
            List<StackEvent> events = new CopyOnWriteArrayList<>();
            try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
                StackStatus status = stack.up(events::add);
                assertThat(status.allHealthy()).as(status.toString()).isTrue();
            }
            List<String> pulls = events.stream().filter(event -> event.step() == StackEvent.Step.PULL)
                    .map(StackEvent::message).collect(Collectors.toList());
            assertThat(pulls).first().isEqualTo("pulling " + remote);
            // The engine's own progress lines, each naming the image (layer downloads, then the digest and status).
            assertThat(pulls).hasSizeGreaterThan(2).allMatch(message -> message.contains(remote));
            assertThat(pulls).anyMatch(message -> message.contains("Downloaded newer image") || message.contains("Pull complete"));
            assertThat(docker.inspectImageCmd(remote).exec().getId()).isNotBlank();
        } finally {
            // Removed after down, so the next run pulls it again.
            removeAfterDown.add(remote);
        }
    }

    @Test
    void anImageThatIsMissingAndCannotBePulledIsNamed() throws Exception {
        StackSettings settings = settings("it-image").withImage(StackService.TEMPO, "alloy-companion-test/not-built:never");
        new StackFolder(dir).write(settings);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty())) {
            assertThatThrownBy(() -> stack.up(StackEvent.Listener.NONE)).isInstanceOfSatisfying(StackException.class, e -> {
                assertThat(e.kind()).isEqualTo(StackException.Kind.MISSING_IMAGE);
                assertThat(e.getMessage()).contains("Image alloy-companion-test/not-built:never (for tempo)")
                        .contains("docker load");
            });
            assertThat(stack.status().anyContainer()).isFalse();
        }
    }

    @Test
    void theEngineGoingAwayMidRunIsReportedAsSuch() throws Exception {
        String neverReady = TestServices.require("ALLOY_COMPANION_TEST_NEVER_READY_IMAGE", "the never-ready test image");
        StackSettings settings = settings("it-gone").withImage(StackService.GRAFANA, neverReady).withHealthTimeoutSeconds(120);
        new StackFolder(dir).write(settings);
        Path engineSocket = Path.of(URI.create(endpoint.address().replaceFirst("^unix://", "file://")).getPath());
        UnixSocketProxy proxy = new UnixSocketProxy(dir.resolve("proxy.sock"), engineSocket);
        DockerEndpoint throughProxy = new DockerEndpoint(proxy.address(), "test proxy");
        CountDownLatch waitingForGrafana = new CountDownLatch(1);
        try (StackOrchestrator stack = StackOrchestrator.open(throughProxy, new StackFolder(dir), Optional.empty())) {
            CompletableFuture<StackException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    stack.up(event -> {
                        if (event.step() == StackEvent.Step.WAIT && event.service().equals(Optional.of(StackService.GRAFANA))) {
                            waitingForGrafana.countDown();
                        }
                    });
                    return null;
                } catch (StackException e) {
                    return e;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waitingForGrafana.await(120, TimeUnit.SECONDS)).isTrue();
            proxy.close();
            StackException e = failure.get(60, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(StackException.Kind.ENGINE_GONE);
            assertThat(e.getMessage()).contains("stopped answering").contains(proxy.address());
        }
        // The engine itself is fine: what was started is still there for `down` to remove.
        try (StackOrchestrator stack = new StackOrchestrator(endpoint, new StackFolder(dir), settings, Optional.empty(), Duration.ofMillis(200))) {
            assertThat(stack.status().service(StackService.ALLOY).orElseThrow().state()).isEqualTo("running");
        }
    }

    @Test
    void aStackThatAlsoSendsToGrafanaCloudGetsTheTokenFromTheStoreAndANewTokenRecreatesItsAlloy() throws Exception {
        StackSettings settings = settings("it-both").withCloud(Optional.of(new StackSettings.CloudForwarding("dev",
                Optional.of(new io.alloycompanion.core.cloud.Endpoint("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
                        "1234567")), Optional.empty(), Optional.empty())));
        new StackFolder(dir).write(settings);
        java.util.Set<StackService> alloy = java.util.EnumSet.of(StackService.ALLOY);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty());
             DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            // No store to read the token from: refused before anything is made.
            refusedBeforeAnythingIsMade(stack, docker, settings, StackException.Kind.SECRET_MISSING);
        }

        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>(
                io.alloycompanion.testsupport.FakeTokens.cloud("1234567", "stack", "prod-eu-west-2"));
        List<String> asked = new CopyOnWriteArrayList<>();
        io.alloycompanion.core.stack.StackSecrets secrets = (stackSettings, variable) -> {
            asked.add(stackSettings.cloud().orElseThrow().profile() + ":" + variable);
            return token.get();
        };
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty(), secrets);
             DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            assertThat(stack.up(alloy, StackEvent.Listener.NONE).services()).filteredOn(service -> service.service() == StackService.ALLOY)
                    .extracting(ServiceStatus::health).containsExactly(ServiceStatus.Health.HEALTHY);
            assertThat(asked).contains("dev:GCLOUD_RW_API_KEY");
            var inspect = docker.inspectContainerCmd(settings.name("alloy")).exec();
            assertThat(inspect.getConfig().getEnv()).contains("GCLOUD_RW_API_KEY=" + token.get());
            assertThat(inspect.getConfig().getLabels().values()).noneMatch(value -> value.contains(token.get()));
            String first = inspect.getId();

            List<StackEvent> again = new CopyOnWriteArrayList<>();
            stack.up(alloy, again::add);
            assertThat(again).filteredOn(event -> event.step() == StackEvent.Step.CREATE).as("same token: kept").isEmpty();

            // A new token (rotated on the Credentials screen) makes a new Alloy container with it.
            token.set(io.alloycompanion.testsupport.FakeTokens.cloud("1234567", "rotated", "prod-eu-west-2"));
            List<StackEvent> rotated = new CopyOnWriteArrayList<>();
            stack.up(alloy, rotated::add);
            assertThat(rotated).filteredOn(event -> event.step() == StackEvent.Step.CREATE).hasSize(1);
            var recreated = docker.inspectContainerCmd(settings.name("alloy")).exec();
            assertThat(recreated.getId()).isNotEqualTo(first);
            assertThat(recreated.getConfig().getEnv()).contains("GCLOUD_RW_API_KEY=" + token.get());
        }
        // The folder holds no token: only the variable's name.
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(java.nio.file.Files.readString(file)).as(file.toString()).doesNotContain(token.get());
            }
        }
    }

    @Test
    void theFoldersOfLogFilesOnThisComputerAreMountedReadOnlyIntoAlloyAndAMissingOneStopsUpFirst() throws Exception {
        java.nio.file.Path logs = java.nio.file.Files.createDirectories(dir.resolve("host-logs"));
        java.nio.file.Files.writeString(logs.resolve("app.log"), "level=info msg=\"hello from the host\"\n");
        StackSettings settings = settings("it-host").withHostSources(new StackSettings.HostSources(List.of(),
                List.of(logs + "/*.log", dir.resolve("gone") + "/*.log")));
        new StackFolder(dir).write(settings);
        java.util.Set<StackService> alloy = java.util.EnumSet.of(StackService.ALLOY);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty());
             DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            StackException e = refusedBeforeAnythingIsMade(stack, docker, settings, StackException.Kind.HOST_FOLDER_MISSING);
            assertThat(e.getMessage()).contains(dir.resolve("gone").toString());
            assertThat(e.details()).containsEntry("folder", dir.resolve("gone").toString());
        }

        settings = settings.withHostSources(new StackSettings.HostSources(List.of(), List.of(logs + "/*.log")));
        new StackFolder(dir).write(settings);
        try (StackOrchestrator stack = StackOrchestrator.open(endpoint, new StackFolder(dir), Optional.empty());
             DockerClient docker = DockerClients.connect(endpoint, Duration.ofSeconds(30))) {
            stack.up(alloy, StackEvent.Listener.NONE);
            var inspect = docker.inspectContainerCmd(settings.name("alloy")).exec();
            assertThat(inspect.getMounts()).anySatisfy(mount -> {
                assertThat(mount.getSource()).isEqualTo(logs.toString());
                assertThat(mount.getDestination().getPath()).isEqualTo("/host/logs/0");
                assertThat(mount.getRW()).isFalse();
            });
            // A new line in a log file is no reason to make Alloy again.
            java.nio.file.Files.writeString(logs.resolve("app.log"), "level=info msg=more\n", java.nio.file.StandardOpenOption.APPEND);
            List<StackEvent> again = new CopyOnWriteArrayList<>();
            stack.up(alloy, again::add);
            assertThat(again).filteredOn(event -> event.step() == StackEvent.Step.CREATE).isEmpty();
        }
    }

    /** Bringing the stack's Alloy up fails with {@code kind}, and no container of the stack was made. */
    private static StackException refusedBeforeAnythingIsMade(StackOrchestrator stack, DockerClient docker, StackSettings settings,
                                                            StackException.Kind kind) throws InterruptedException {
        try {
            stack.up(java.util.EnumSet.of(StackService.ALLOY), StackEvent.Listener.NONE);
        } catch (StackException e) {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(settings.name("alloy"))).exec()).isEmpty();
            return e;
        }
        throw new AssertionError("up was not refused (" + kind + ")");
    }

    private StackSettings settings(String name) throws IOException {
        String project = name + "-" + Long.toString(System.nanoTime(), 36);
        projects.add(project);
        StackSettings settings = StackSettings.DEFAULTS.withProject(project).withHealthTimeoutSeconds(60);
        String images = TestServices.require("ALLOY_COMPANION_TEST_STACK_IMAGES", "the stack's test images");
        TestServices.requireThat(images.contains("prometheus="),
                "the stack's Prometheus test image (built from Debian's prometheus package)");
        for (String pair : images.split(",")) {
            String[] parts = pair.split("=", 2);
            settings = settings.withImage(StackService.byId(parts[0]).orElseThrow(), parts[1]);
        }
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (StackService service : StackService.values()) {
            settings = settings.withHostPort(service, freePort(picked));
        }
        return settings.withOtlpHttpHostPort(freePort(picked));
    }

    private static final java.util.Random PORTS = new java.util.Random();

    /**
     * A free port below Linux's ephemeral range (32768 and up), not picked before: a port the kernel hands out for
     * port 0 may be taken as the local port of an outgoing connection before the stack binds it, which made
     * {@link #aTakenPortIsNamedBeforeAnythingIsCreated} see Alloy's port taken instead of Grafana's once.
     */
    private static int freePort(java.util.Set<Integer> picked) throws IOException {
        for (int tries = 0; tries < 500; tries++) {
            int port = 20_000 + PORTS.nextInt(12_000);
            if (picked.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                picked.add(port);
                return port;
            } catch (IOException busy) {
                // Taken: another one.
            }
        }
        throw new IOException("no free port between 20000 and 31999");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " → " + response.body()).isEqualTo(200);
        return response.body();
    }
}
