package io.alloycompanion.core.stack;

/**
 * Where the Docker engine is expected to answer ({@code unix:///var/run/docker.sock}, {@code npipe:…},
 * {@code tcp://…}), and why that address was chosen. Kept as text: a malformed {@code DOCKER_HOST} is still
 * something to show the user, not a reason to fail.
 */
public record DockerEndpoint(String address, String source) {
}
