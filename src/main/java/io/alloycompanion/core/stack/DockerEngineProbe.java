package io.alloycompanion.core.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.OperatingSystem;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Asks the Docker engine for its version. */
public final class DockerEngineProbe {

    private final DockerEngineLocator locator;
    private final OperatingSystem os;

    public DockerEngineProbe(DockerEngineLocator locator, OperatingSystem os) {
        this.locator = locator;
        this.os = os;
    }

    public DockerEngineStatus probe() {
        DockerEndpoint endpoint = locator.locate();
        if (endpoint.source().equals("DOCKER_HOST") && !validAddress(endpoint.address())) {
            return new DockerEngineStatus(endpoint, false, Optional.empty(), Optional.empty(), Optional.of(
                    "DOCKER_HOST is not a valid address (" + endpoint.address() + "); use a form such as "
                            + "unix:///var/run/docker.sock or tcp://127.0.0.1:2375, with spaces written as %20."));
        }
        try (DockerClient client = DockerClients.connect(endpoint, Duration.ofSeconds(5))) {
            Version version = client.versionCmd().exec();
            return new DockerEngineStatus(endpoint, true, Optional.ofNullable(version.getVersion()),
                    Optional.ofNullable(version.getApiVersion()), Optional.empty());
        } catch (Exception e) {
            return new DockerEngineStatus(endpoint, false, Optional.empty(), Optional.empty(),
                    Optional.of(Errors.rootMessage(e) + ". " + howToStart()));
        }
    }

    private static boolean validAddress(String address) {
        try {
            return URI.create(address).getScheme() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String howToStart() {
        switch (os) {
            case WINDOWS:
            case MACOS:
                return "Start Docker Desktop, or set DOCKER_HOST to the engine you use.";
            default:
                return "Start the engine (for example `sudo systemctl start docker`), or set DOCKER_HOST to the engine you use.";
        }
    }
}
