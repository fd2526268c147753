package io.alloycompanion.core.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.PortProbe;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a stack folder's services through the Docker API: images (pulled when missing and a registry answers), a
 * network and named volumes, then each container in start order, each waited on through its health endpoint. Knows
 * nothing of which images are used: they come from the folder's settings.
 *
 * <p>Blocking; call from a background thread. Interrupting the thread cancels {@code up} between steps and while it
 * waits; containers already started keep running.
 */
public final class StackOrchestrator implements StackControl {

    static final String LABEL_PROJECT = "io.alloycompanion.stack";
    static final String LABEL_SERVICE = "io.alloycompanion.service";
    /** A digest of the container's spec and the files it mounts: a container whose digest differs is recreated. */
    static final String LABEL_SPEC = "io.alloycompanion.spec";
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final DockerEndpoint endpoint;
    private final DockerClient docker;
    private final StackFolder folder;
    private final StackSettings settings;
    /** One client for every health probe of the session (each holds a selector thread until collected). */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    /** For followed logs only: a quiet service sends nothing for hours, which must not count as a timeout. */
    private final DockerClient streams;
    private final PortProbe portProbe;
    private final Optional<PortOwners> portOwners;
    private final Duration pollInterval;
    private final StackSecrets secrets;

    public StackOrchestrator(DockerEndpoint endpoint, StackFolder folder, StackSettings settings,
                             Optional<PortOwners> portOwners, Duration pollInterval) {
        this(endpoint, folder, settings, portOwners, pollInterval, StackSecrets.NONE);
    }

    /** @param secrets where the values of the containers' secret variables come from (the Grafana Cloud token) */
    public StackOrchestrator(DockerEndpoint endpoint, StackFolder folder, StackSettings settings,
                             Optional<PortOwners> portOwners, Duration pollInterval, StackSecrets secrets) {
        this.endpoint = endpoint;
        this.docker = DockerClients.connect(endpoint, Duration.ofMinutes(10));
        this.streams = DockerClients.connect(endpoint, Duration.ZERO);
        this.folder = folder;
        this.settings = settings;
        this.portProbe = new PortProbe();
        this.portOwners = portOwners;
        this.pollInterval = pollInterval;
        this.secrets = secrets;
    }

    /** For a folder that has been initialised ({@code stack init}); fails with {@link StackException.Kind#NOT_INITIALISED} otherwise. */
    public static StackOrchestrator open(DockerEndpoint endpoint, StackFolder folder, Optional<PortOwners> owners)
            throws StackException, IOException {
        return open(endpoint, folder, owners, StackSecrets.NONE);
    }

    /** As {@link #open(DockerEndpoint, StackFolder, Optional)}, reading the containers' secrets from {@code secrets}. */
    public static StackOrchestrator open(DockerEndpoint endpoint, StackFolder folder, Optional<PortOwners> owners,
                                         StackSecrets secrets) throws StackException, IOException {
        StackSettings settings = folder.readSettings().orElseThrow(() -> new StackException(StackException.Kind.NOT_INITIALISED,
                folder.dir() + " is not a stack folder yet (no " + StackLayout.SETTINGS_FILE + "). Create it with "
                        + "`alloy-companion stack init --dir " + folder.dir() + "` or from the Stack screen."));
        try {
            return new StackOrchestrator(endpoint, folder, settings, owners, Duration.ofMillis(500), secrets);
        } catch (RuntimeException e) {
            // e.g. DOCKER_HOST=ssh://…, which the Docker API client cannot reach directly.
            throw new StackException(StackException.Kind.ENGINE_UNREACHABLE, Optional.empty(), "Cannot talk to the Docker "
                    + "engine at " + endpoint.address() + " (" + endpoint.source() + "): " + Errors.rootMessage(e) + ". Use a "
                    + "unix://, npipe:// or tcp:// address, for example by `docker context use default`, or an SSH tunnel "
                    + "to a local socket.", List.of(), e);
        }
    }

    @Override
    public StackSettings settings() {
        return settings;
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The engine's version; {@link StackException.Kind#ENGINE_UNREACHABLE} with how to start one when none answers. */
    public String engineVersion() throws StackException {
        try {
            return Optional.ofNullable(docker.versionCmd().exec().getVersion()).orElse("unknown");
        } catch (RuntimeException e) {
            throw new StackException(StackException.Kind.ENGINE_UNREACHABLE, Optional.empty(),
                    "No Docker engine answers at " + endpoint.address() + " (" + endpoint.source() + "): "
                            + Errors.rootMessage(e) + ". Start Docker (Docker Desktop, or `sudo systemctl start docker`), "
                            + "or set DOCKER_HOST to the engine you use.", List.of(), e).detail("address", endpoint.address());
        }
    }

    /** Brings every service up, in order, each healthy before the next starts. */
    public StackStatus up(StackEvent.Listener listener) throws StackException, InterruptedException {
        return up(EnumSet.allOf(StackService.class), listener);
    }

    /** Brings the given services up (the others are left as they are). */
    @Override
    public StackStatus up(Set<StackService> services, StackEvent.Listener listener) throws StackException, InterruptedException {
        List<ContainerSpec> specs = StackLayout.containers(settings).stream()
                .filter(spec -> services.contains(spec.service())).collect(Collectors.toList());
        int steps = 3 + specs.size() * 2;
        Progress progress = new Progress(listener, steps);
        String version = engineVersion();
        progress.step(Optional.empty(), StackEvent.Step.ENGINE, "Docker engine " + version + " at " + endpoint.address());
        checkFiles(specs);
        // Read before anything is made: a token that cannot be read stops here, not after half the stack started.
        Map<StackService, Map<String, String>> secretValues = new java.util.EnumMap<>(StackService.class);
        for (ContainerSpec spec : specs) {
            secretValues.put(spec.service(), secretValues(spec));
        }

        for (ContainerSpec spec : specs) {
            ensureImage(spec, progress);
        }
        progress.step(Optional.empty(), StackEvent.Step.IMAGE, "images present");

        Map<StackService, Container> existing = containers();
        checkPorts(specs, existing);
        progress.step(Optional.empty(), StackEvent.Step.PORTS, "ports free: " + specs.stream()
                .flatMap(spec -> spec.ports().keySet().stream()).map(String::valueOf).collect(Collectors.joining(", ")));

        ensureNetwork(progress);
        for (ContainerSpec spec : specs) {
            checkInterrupted();
            String id = ensureContainer(spec, existing.get(spec.service()), secretValues.get(spec.service()), progress);
            progress.step(Optional.of(spec.service()), StackEvent.Step.START, spec.name() + " started");
            waitHealthy(spec, id, progress);
            progress.step(Optional.of(spec.service()), StackEvent.Step.HEALTHY, spec.service().id() + " healthy at "
                    + healthUrl(spec.service()));
        }
        StackStatus status = status();
        listener.on(new StackEvent(Optional.empty(), StackEvent.Step.DONE, "stack up", 1));
        return status;
    }

    /** Stops and removes the stack's containers and network; its volumes (the data) too only when asked. */
    @Override
    public void down(boolean removeVolumes, StackEvent.Listener listener) throws StackException {
        engineVersion();
        Map<StackService, Container> existing = containers();
        List<StackService> order = new ArrayList<>(List.of(StackService.values()));
        java.util.Collections.reverse(order);
        Progress progress = new Progress(listener, order.size() + 2);
        for (StackService service : order) {
            Container container = existing.get(service);
            if (container == null) {
                continue;
            }
            stopContainer(container.getId(), service);
            call("removing " + name(container), () -> {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
                return null;
            });
            progress.step(Optional.of(service), StackEvent.Step.REMOVE, name(container) + " removed");
        }
        call("removing network " + settings.network(), () -> {
            docker.listNetworksCmd().withNameFilter(settings.network()).exec().stream()
                    .filter(network -> settings.network().equals(network.getName()))
                    .forEach(network -> docker.removeNetworkCmd(network.getId()).exec());
            return null;
        });
        progress.step(Optional.empty(), StackEvent.Step.REMOVE, "network " + settings.network() + " removed");
        if (removeVolumes) {
            for (StackService service : StackService.values()) {
                String volume = settings.name(service.volume());
                call("removing volume " + volume, () -> {
                    try {
                        docker.removeVolumeCmd(volume).exec();
                    } catch (NotFoundException e) {
                        // never created
                    }
                    return null;
                });
            }
            progress.step(Optional.empty(), StackEvent.Step.REMOVE, "volumes removed");
        }
        listener.on(new StackEvent(Optional.empty(), StackEvent.Step.DONE, "stack down", 1));
    }

    /** Stops one service's container (kept, so {@link #up(Set, StackEvent.Listener)} starts it again quickly). */
    @Override
    public void stop(StackService service) throws StackException {
        Container container = containers().get(service);
        if (container != null) {
            stopContainer(container.getId(), service);
        }
    }

    /** Restarts one running service and waits until it is healthy again. */
    @Override
    public void restart(StackService service, StackEvent.Listener listener) throws StackException, InterruptedException {
        Container container = containers().get(service);
        String current = container == null || container.getLabels() == null ? null : container.getLabels().get(LABEL_SPEC);
        if (container == null || !"running".equals(container.getState())
                || !digest(StackLayout.container(settings, service), secretValues(StackLayout.container(settings, service))).equals(current)) {
            // Not running, or its settings or files changed since it was made: made again by up.
            up(EnumSet.of(service), listener);
            return;
        }
        call("restarting " + name(container), () -> {
            docker.restartContainerCmd(container.getId()).withTimeout(10).exec();
            return null;
        });
        waitHealthy(StackLayout.container(settings, service), container.getId(), new Progress(listener, 1));
    }

    /** Each service's container state and, for the running ones, whether its health endpoint answers now. */
    @Override
    public StackStatus status() throws StackException {
        String version = engineVersion();
        Map<StackService, Container> existing = containers();
        List<ServiceStatus> services = new ArrayList<>();
        for (ContainerSpec spec : StackLayout.containers(settings)) {
            Container container = existing.get(spec.service());
            if (container == null) {
                services.add(new ServiceStatus(spec.service(), spec.name(), "missing", ServiceStatus.Health.UNKNOWN,
                        spec.image(), spec.ports(), Optional.empty()));
                continue;
            }
            String state = Optional.ofNullable(container.getState()).orElse("unknown");
            ServiceStatus.Health health = ServiceStatus.Health.UNKNOWN;
            Optional<String> detail = Optional.ofNullable(container.getStatus());
            if ("running".equals(state)) {
                Optional<String> problem = probe(spec.service());
                health = problem.isEmpty() ? ServiceStatus.Health.HEALTHY : ServiceStatus.Health.UNHEALTHY;
                detail = problem.or(() -> Optional.of(healthUrl(spec.service()) + " answered 2xx"));
            }
            services.add(new ServiceStatus(spec.service(), spec.name(), state, health,
                    Optional.ofNullable(container.getImage()).orElse(spec.image()), spec.ports(), detail));
        }
        return new StackStatus(settings.project(), Optional.of(version), services);
    }

    /** A service's log lines as they come: {@code tail} earlier lines first, then new ones while {@code follow}. */
    @Override
    public Closeable logs(StackService service, int tail, boolean follow, LogLineListener listener) throws StackException {
        Container container = containers().get(service);
        if (container == null) {
            throw new StackException(StackException.Kind.DOCKER_ERROR, Optional.of(service), service.id()
                    + " has no container: bring the stack up first.", List.of(), null);
        }
        LineSplitter splitter = new LineSplitter(service, true, listener);
        return call("reading the logs of " + name(container), () -> streams.logContainerCmd(container.getId())
                .withStdOut(true).withStdErr(true).withTail(tail).withFollowStream(follow).withTimestamps(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        splitter.accept(frame);
                    }

                    @Override
                    public void onComplete() {
                        splitter.flush();
                        super.onComplete();
                    }
                }));
    }

    /**
     * Hears container log lines; called on docker-java's reading thread.
     *
     * @param time when Docker received the line (nanosecond precision, so a line seen twice can be told)
     */
    @FunctionalInterface
    public interface LogLineListener {
        void line(StackService service, Instant time, String line, boolean stderr);
    }

    /** The last lines a service wrote, for error messages. */
    public List<String> lastLogLines(StackService service, int count) {
        try {
            Container container = containers().get(service);
            return container == null ? List.of() : lastLines(container.getId(), service, count);
        } catch (StackException e) {
            return List.of();
        }
    }

    /** The address of a service's health endpoint on this machine. */
    public String healthUrl(StackService service) {
        return "http://127.0.0.1:" + settings.hostPort(service) + service.healthPath();
    }

    // ---- steps of up

    private void checkFiles(List<ContainerSpec> specs) throws StackException {
        for (ContainerSpec spec : specs) {
            for (ContainerSpec.Bind mount : spec.hostMounts()) {
                // Docker would make a missing folder (owned by root) and Alloy would tail nothing.
                if (!Files.isDirectory(Path.of(mount.source()))) {
                    throw new StackException(StackException.Kind.HOST_FOLDER_MISSING, Optional.of(spec.service()),
                            "The folder " + mount.source() + " of a log file the stack's Alloy tails does not exist. Create it, "
                                    + "or take the log file out of the stack's sources.", List.of(), null)
                            .detail("folder", mount.source());
                }
            }
            for (ContainerSpec.Bind bind : spec.binds()) {
                if (!Files.exists(folder.dir().resolve(bind.source()))) {
                    throw new StackException(StackException.Kind.NOT_INITIALISED, Optional.of(spec.service()),
                            folder.dir().resolve(bind.source()) + " is missing. Generate the stack's files again with "
                                    + "`alloy-companion stack init --dir " + folder.dir() + "`.", List.of(), null);
                }
            }
        }
    }

    private void ensureImage(ContainerSpec spec, Progress progress) throws StackException, InterruptedException {
        checkInterrupted();
        String image = spec.image();
        boolean present = call("looking for image " + image, () -> {
            try {
                docker.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (present) {
            return;
        }
        progress.event(Optional.of(spec.service()), StackEvent.Step.PULL, "pulling " + image);
        String repository;
        String tag;
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        if (at >= 0) {
            // repo@sha256:…: the engine takes the digest where a tag would go.
            repository = image.substring(0, at);
            tag = image.substring(at + 1);
        } else if (colon > image.lastIndexOf('/')) {
            repository = image.substring(0, colon);
            tag = image.substring(colon + 1);
        } else {
            repository = image;
            tag = "latest";
        }
        try {
            docker.pullImageCmd(repository).withTag(tag).exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    super.onNext(item);
                    if (item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                            && item.getProgressDetail().getTotal() > 0) {
                        progress.event(Optional.of(spec.service()), StackEvent.Step.PULL, image + ": " + item.getStatus()
                                + " " + item.getId() + " " + size(item.getProgressDetail().getCurrent()) + " of "
                                + size(item.getProgressDetail().getTotal()));
                    } else if (item.getStatus() != null) {
                        progress.event(Optional.of(spec.service()), StackEvent.Step.PULL, image + ": " + item.getStatus());
                    }
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            engineStillThere("pulling " + image, e);
            throw new StackException(StackException.Kind.MISSING_IMAGE, Optional.of(spec.service()),
                    "Image " + image + " (for " + spec.service().id() + ") is not on this machine and could not be pulled: "
                            + Errors.rootMessage(e) + ". Connect to a registry, load the image with `docker load`, or "
                            + "choose another image for " + spec.service().id() + " in the stack's settings.", List.of(), e)
                    .detail("image", image).detail("why", Errors.rootMessage(e));
        }
    }

    private void checkPorts(List<ContainerSpec> specs, Map<StackService, Container> existing) throws StackException, InterruptedException {
        Map<Integer, String> claimed = new LinkedHashMap<>();
        for (ContainerSpec spec : specs) {
            for (int port : spec.ports().keySet()) {
                String other = claimed.putIfAbsent(port, spec.service().id());
                if (other != null) {
                    throw new StackException(StackException.Kind.PORT_CLASH, Optional.of(spec.service()), "Port " + port
                            + " is set for both " + other + " and " + spec.service().id() + ". Give one of them another port.",
                            List.of(), null).detail("port", port).detail("other", other);
                }
            }
        }
        for (ContainerSpec spec : specs) {
            Container mine = existing.get(spec.service());
            if (mine != null && "running".equals(mine.getState())) {
                continue; // its ports are held by the stack itself
            }
            for (int port : spec.ports().keySet()) {
                if (!portProbe.isFree(port)) {
                    String holder = portOwners.isPresent() ? portOwners.get().of(port).map(String::valueOf).orElse("") : "";
                    String owner = holder.isEmpty() ? "" : " by " + holder;
                    throw new StackException(StackException.Kind.PORT_CLASH, Optional.of(spec.service()), "Port " + port
                            + " (" + spec.service().id() + ") is already in use" + owner + ". Stop that program, or give "
                            + spec.service().id() + " another port (`stack init --dir " + folder.dir() + " --port "
                            + spec.service().id() + "=<port>` or the Stack screen's settings).", List.of(), null)
                            .detail("port", port).detail("owner", holder);
                }
            }
        }
    }

    private void ensureNetwork(Progress progress) throws StackException {
        boolean exists = call("looking for network " + settings.network(), () -> docker.listNetworksCmd()
                .withNameFilter(settings.network()).exec().stream().anyMatch(network -> settings.network().equals(network.getName())));
        if (!exists) {
            call("creating network " + settings.network(), () -> docker.createNetworkCmd().withName(settings.network())
                    .withDriver("bridge").withLabels(Map.of(LABEL_PROJECT, settings.project())).exec());
        }
        for (StackService service : StackService.values()) {
            String volume = settings.name(service.volume());
            call("creating volume " + volume, () -> {
                try {
                    docker.inspectVolumeCmd(volume).exec();
                } catch (NotFoundException e) {
                    docker.createVolumeCmd().withName(volume).withLabels(Map.of(LABEL_PROJECT, settings.project())).exec();
                }
                return null;
            });
        }
        progress.step(Optional.empty(), StackEvent.Step.NETWORK, "network " + settings.network() + " and volumes ready");
    }

    private String ensureContainer(ContainerSpec spec, Container existing, Map<String, String> secretValues, Progress progress)
            throws StackException {
        String digest = digest(spec, secretValues);
        if (existing != null) {
            boolean same = digest.equals(existing.getLabels() == null ? null : existing.getLabels().get(LABEL_SPEC));
            if (same && "running".equals(existing.getState())) {
                progress.event(Optional.of(spec.service()), StackEvent.Step.START, spec.name() + " already running");
                return existing.getId();
            }
            if (same) {
                call("starting " + spec.name(), () -> {
                    docker.startContainerCmd(existing.getId()).exec();
                    return null;
                });
                return existing.getId();
            }
            // Its image, settings or files changed since it was made.
            stopContainer(existing.getId(), spec.service());
            call("removing " + spec.name(), () -> {
                docker.removeContainerCmd(existing.getId()).withForce(true).exec();
                return null;
            });
        }
        progress.event(Optional.of(spec.service()), StackEvent.Step.CREATE, "creating " + spec.name() + " from " + spec.image());
        String id = call("creating " + spec.name(), () -> create(spec, digest, secretValues));
        call("starting " + spec.name(), () -> {
            docker.startContainerCmd(id).exec();
            return null;
        });
        return id;
    }

    private String create(ContainerSpec spec, String digest, Map<String, String> secretValues) {
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        spec.ports().forEach((host, container) -> {
            ExposedPort port = ExposedPort.tcp(container);
            exposed.add(port);
            bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", host));
        });
        List<Bind> binds = new ArrayList<>();
        for (ContainerSpec.Bind bind : spec.binds()) {
            binds.add(new Bind(folder.dir().resolve(bind.source()).toString(), new Volume(bind.target()), AccessMode.ro));
        }
        for (ContainerSpec.Bind mount : spec.hostMounts()) {
            binds.add(new Bind(mount.source(), new Volume(mount.target()), AccessMode.ro));
        }
        binds.add(new Bind(spec.volume(), new Volume(spec.service().dataPath())));
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withBinds(binds)
                .withNetworkMode(settings.network())
                .withExtraHosts(spec.extraHosts().toArray(String[]::new))
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        Map<String, String> labels = Map.of(LABEL_PROJECT, settings.project(), LABEL_SERVICE, spec.service().id(),
                LABEL_SPEC, digest);
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(labels)
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .withAliases(spec.service().id())
                .withEnv(java.util.stream.Stream.concat(spec.env().entrySet().stream(), secretValues.entrySet().stream())
                        .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().collect(Collectors.toList()));
        if (!spec.args().isEmpty()) {
            create.withCmd(spec.args());
        }
        spec.user().ifPresent(create::withUser);
        return create.exec().getId();
    }

    private void waitHealthy(ContainerSpec spec, String id, Progress progress) throws StackException, InterruptedException {
        StackService service = spec.service();
        Instant deadline = Instant.now().plusSeconds(settings.healthTimeoutSeconds());
        progress.event(Optional.of(service), StackEvent.Step.WAIT, "waiting for " + healthUrl(service)
                + " (up to " + settings.healthTimeoutSeconds() + " s)");
        Optional<String> problem;
        while (true) {
            checkInterrupted();
            InspectContainerResponse inspect = call("inspecting " + spec.name(), () -> docker.inspectContainerCmd(id).exec());
            // A container that crashed is restarted by Docker (unless-stopped): Running stays true, Restarting says it.
            if (inspect.getState() != null && (!Boolean.TRUE.equals(inspect.getState().getRunning())
                    || Boolean.TRUE.equals(inspect.getState().getRestarting()))) {
                Long exit = inspect.getState().getExitCodeLong();
                throw new StackException(StackException.Kind.EXITED, Optional.of(service), service.id() + " stopped"
                        + (exit == null ? "" : " with exit code " + exit) + " before it became healthy. Its last lines are "
                        + "below; the usual cause is its config file (" + configOf(spec) + ").",
                        lastLines(id, service, LOG_LINES_ON_FAILURE), null)
                        .detail("exitCode", exit == null ? "?" : exit).detail("config", configOf(spec));
            }
            problem = probe(service);
            if (problem.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(StackException.Kind.UNHEALTHY, Optional.of(service), service.id()
                        + " did not become healthy within " + settings.healthTimeoutSeconds() + " s: " + healthUrl(service)
                        + " " + problem.get() + ". Its last lines are below; the container is left running so you can "
                        + "look at it (`stack logs --dir " + folder.dir() + " " + service.id() + "`).",
                        lastLines(id, service, LOG_LINES_ON_FAILURE), null)
                        .detail("seconds", settings.healthTimeoutSeconds()).detail("url", healthUrl(service))
                        .detail("answer", problem.get());
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private static String configOf(ContainerSpec spec) {
        return spec.binds().isEmpty() ? spec.service().id() : spec.binds().get(0).source();
    }

    /** Empty when the health endpoint answered 2xx; else what it answered. */
    private Optional<String> probe(StackService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl(service))).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return Optional.empty();
            }
            String body = response.body().strip();
            return Optional.of("answered " + response.statusCode() + (body.isEmpty() ? "" : " (" + abbreviate(body) + ")"));
        } catch (ConnectException e) {
            return Optional.of("refused the connection");
        } catch (IOException e) {
            return Optional.of("failed: " + Errors.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static String size(Long bytes) {
        long value = bytes == null ? 0 : bytes;
        return value >= 10L << 20 ? (value >> 20) + " MiB" : (value >> 10) + " KiB";
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    // ---- helpers

    private Map<StackService, Container> containers() throws StackException {
        List<Container> list = call("listing the stack's containers", () -> docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_PROJECT, settings.project())).exec());
        Map<StackService, Container> byService = new LinkedHashMap<>();
        for (Container container : list) {
            String label = container.getLabels() == null ? null : container.getLabels().get(LABEL_SERVICE);
            StackService.byId(label).ifPresent(service -> byService.put(service, container));
        }
        return byService;
    }

    private void stopContainer(String id, StackService service) throws StackException {
        call("stopping " + settings.name(service.id()), () -> {
            try {
                docker.stopContainerCmd(id).withTimeout(10).exec();
            } catch (NotModifiedException | NotFoundException e) {
                // already stopped or gone
            }
            return null;
        });
    }

    private List<String> lastLines(String id, StackService service, int count) {
        List<String> lines = new ArrayList<>();
        try {
            LineSplitter splitter = new LineSplitter(service, false, (from, time, line, stderr) -> lines.add(line));
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(count)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame);
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
            splitter.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lines.add("(its logs could not be read: " + Errors.rootMessage(e) + ")");
        }
        return lines;
    }

    /** The values of the spec's secret variables, read once per container made or checked. */
    private Map<String, String> secretValues(ContainerSpec spec) throws StackException {
        Map<String, String> values = new java.util.TreeMap<>();
        for (String variable : spec.secretEnv()) {
            values.put(variable, secrets.value(settings, variable));
        }
        return values;
    }

    /**
     * The secrets count too (a new token recreates the container); only this one-way digest of them, cut to 64 bits,
     * ends up in the container's label.
     */
    private String digest(ContainerSpec spec, Map<String, String> secretValues) throws StackException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(spec.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> secret : secretValues.entrySet()) {
                sha.update((secret.getKey() + "=" + secret.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            for (ContainerSpec.Bind bind : spec.binds()) {
                Path source = folder.dir().resolve(bind.source());
                List<Path> files;
                try (Stream<Path> walk = Files.walk(source)) {
                    // What the service reads: not the backups and proposals the app leaves beside the files.
                    files = walk.filter(Files::isRegularFile)
                            .filter(file -> !file.toString().endsWith(".bak") && !file.toString().endsWith(".generated"))
                            .sorted().collect(Collectors.toList());
                }
                for (Path file : files) {
                    sha.update(folder.dir().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new StackException(StackException.Kind.NOT_INITIALISED, Optional.of(spec.service()),
                    "Cannot read the files of " + spec.service().id() + ": " + Errors.rootMessage(e), List.of(), e);
        }
    }

    private static String name(Container container) {
        return container.getNames() == null || container.getNames().length == 0 ? container.getId()
                : container.getNames()[0].replaceFirst("^/", "");
    }

    private <T> T call(String doing, Supplier<T> request) throws StackException {
        try {
            return request.get();
        } catch (DockerException e) {
            throw new StackException(StackException.Kind.DOCKER_ERROR, Optional.empty(), "Docker refused "
                    + doing + ": " + Errors.rootMessage(e), List.of(), e);
        } catch (RuntimeException e) {
            engineStillThere(doing, e);
            throw new StackException(StackException.Kind.DOCKER_ERROR, Optional.empty(), "Failed " + doing + ": "
                    + Errors.rootMessage(e), List.of(), e);
        }
    }

    /** Turns a transport failure into {@link StackException.Kind#ENGINE_GONE} when the engine no longer answers. */
    private void engineStillThere(String doing, RuntimeException failure) throws StackException {
        try (DockerClient ping = DockerClients.connect(endpoint, Duration.ofSeconds(3))) {
            ping.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            throw new StackException(StackException.Kind.ENGINE_GONE, Optional.empty(), "The Docker engine at "
                    + endpoint.address() + " stopped answering while " + doing + " (" + Errors.rootMessage(failure)
                    + "). Start it again, then bring the stack up again; containers that were started are left as they are.",
                    List.of(), failure).detail("address", endpoint.address());
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public void close() {
        for (DockerClient client : List.of(docker, streams)) {
            try {
                client.close();
            } catch (IOException e) {
                // nothing held that matters
            }
        }
    }

    /** Counts steps for the fraction the user sees. */
    private static final class Progress {
        private final StackEvent.Listener listener;
        private final int total;
        private int done;

        Progress(StackEvent.Listener listener, int total) {
            this.listener = listener;
            this.total = Math.max(1, total);
        }

        void step(Optional<StackService> service, StackEvent.Step step, String message) {
            done = Math.min(total, done + 1);
            event(service, step, message);
        }

        void event(Optional<StackService> service, StackEvent.Step step, String message) {
            listener.on(new StackEvent(service, step, message, (double) done / total));
        }
    }

    /** Docker sends log output in frames that may hold part of a line or several; this gives whole lines. */
    private static final class LineSplitter {
        private final StackService service;
        private final boolean timestamps;
        private final LogLineListener listener;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();

        /** @param timestamps whether each line starts with Docker's RFC 3339 time and a space ({@code --timestamps}) */
        LineSplitter(StackService service, boolean timestamps, LogLineListener listener) {
            this.service = service;
            this.timestamps = timestamps;
            this.listener = listener;
        }

        private void emit(String line, boolean stderr) {
            Instant time = null;
            String text = line;
            int space = line.indexOf(' ');
            if (timestamps && space > 0) {
                try {
                    time = Instant.parse(line.substring(0, space));
                    text = line.substring(space + 1);
                } catch (java.time.format.DateTimeParseException e) {
                    // not a timestamp: the line as it is
                }
            }
            listener.line(service, time == null ? Instant.now() : time, text, stderr);
        }

        synchronized void accept(Frame frame) {
            boolean stderr = frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR;
            StringBuilder buffer = stderr ? err : out;
            buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int newline;
            while ((newline = buffer.indexOf("\n")) >= 0) {
                String line = buffer.substring(0, newline);
                buffer.delete(0, newline + 1);
                emit(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, stderr);
            }
        }

        synchronized void flush() {
            if (out.length() > 0) {
                emit(out.toString(), false);
                out.setLength(0);
            }
            if (err.length() > 0) {
                emit(err.toString(), true);
                err.setLength(0);
            }
        }
    }
}
