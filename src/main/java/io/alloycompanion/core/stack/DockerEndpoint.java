package io.alloycompanion.core.stack;

import java.net.URI;

/** Where the Docker engine is expected to answer, and why that address was chosen. */
public record DockerEndpoint(URI uri, String source) {
}
