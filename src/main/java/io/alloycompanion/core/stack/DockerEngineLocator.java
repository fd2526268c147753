package io.alloycompanion.core.stack;

import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Docker engine the way the docker CLI does: {@code DOCKER_HOST} first, else the platform default
 * (Docker Desktop's named pipe on Windows, {@code /var/run/docker.sock} elsewhere), else the per-user sockets of
 * Docker Desktop and rootless Docker when they exist.
 */
public final class DockerEngineLocator {

    static final String WINDOWS_PIPE = "npipe:////./pipe/docker_engine";
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    private final Environment env;
    private final Path defaultSocket;

    public DockerEngineLocator(Environment env) {
        this(env, Path.of(DEFAULT_SOCKET));
    }

    DockerEngineLocator(Environment env, Path defaultSocket) {
        this.env = env;
        this.defaultSocket = defaultSocket;
    }

    public DockerEndpoint locate() {
        var fromEnv = env.variable("DOCKER_HOST");
        if (fromEnv.isPresent()) {
            return new DockerEndpoint(fromEnv.get().trim(), "DOCKER_HOST");
        }
        if (env.os() == OperatingSystem.WINDOWS) {
            return new DockerEndpoint(WINDOWS_PIPE, "Docker Desktop named pipe");
        }
        for (Path socket : candidateSockets()) {
            if (Files.exists(socket)) {
                return new DockerEndpoint(unixAddress(socket), "socket " + socket);
            }
        }
        return new DockerEndpoint(unixAddress(defaultSocket), "default socket");
    }

    /** {@code unix://} plus the path, percent-encoded where needed (a home folder may contain spaces). */
    static String unixAddress(Path socket) {
        try {
            return new URI("unix", "", socket.toAbsolutePath().toString().replace('\\', '/'), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express " + socket + " as a unix socket address", e);
        }
    }

    List<Path> candidateSockets() {
        List<Path> sockets = new ArrayList<>();
        sockets.add(defaultSocket);
        sockets.add(env.userHome().resolve(".docker").resolve("run").resolve("docker.sock"));
        env.variable("XDG_RUNTIME_DIR").ifPresent(dir -> sockets.add(Path.of(dir, "docker.sock")));
        return sockets;
    }
}
