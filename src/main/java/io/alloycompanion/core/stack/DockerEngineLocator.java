package io.alloycompanion.core.stack;

import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.net.URI;
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

    public DockerEngineLocator(Environment env) {
        this.env = env;
    }

    public DockerEndpoint locate() {
        var fromEnv = env.variable("DOCKER_HOST");
        if (fromEnv.isPresent()) {
            return new DockerEndpoint(URI.create(fromEnv.get()), "DOCKER_HOST");
        }
        if (env.os() == OperatingSystem.WINDOWS) {
            return new DockerEndpoint(URI.create(WINDOWS_PIPE), "Docker Desktop named pipe");
        }
        for (Path socket : candidateSockets()) {
            if (Files.exists(socket)) {
                return new DockerEndpoint(URI.create("unix://" + socket), "socket " + socket);
            }
        }
        return new DockerEndpoint(URI.create("unix://" + DEFAULT_SOCKET), "default socket");
    }

    List<Path> candidateSockets() {
        List<Path> sockets = new ArrayList<>();
        sockets.add(Path.of(DEFAULT_SOCKET));
        sockets.add(env.userHome().resolve(".docker").resolve("run").resolve("docker.sock"));
        env.variable("XDG_RUNTIME_DIR").ifPresent(dir -> sockets.add(Path.of(dir, "docker.sock")));
        return sockets;
    }
}
