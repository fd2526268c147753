package io.alloycompanion.core.cloud;

/**
 * One signal's connection: where to send ({@code url}; for traces the Tempo {@code host:443}) and the basic-auth
 * username that goes with the token.
 */
public record Endpoint(String url, String username) {

    public Endpoint {
        url = url == null ? "" : url.strip();
        username = username == null ? "" : username.strip();
    }

    public boolean isComplete() {
        return !url.isEmpty() && !username.isEmpty();
    }
}
