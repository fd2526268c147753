package io.alloycompanion.core.telemetry;

import io.alloycompanion.core.agent.ConfigListeners;
import io.alloycompanion.core.agent.ListenAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Where test telemetry goes: an OTLP/HTTP base URL ({@code http://127.0.0.1:4318}), from the user or a config. */
public final class OtlpEndpoints {

    /** Alloy's {@code otelcol.receiver.otlp} HTTP default port, on loopback. */
    public static final URI DEFAULT = URI.create("http://127.0.0.1:4318");

    private static final String RECEIVER = "otelcol.receiver.otlp.";
    private static final String HTTP_SUFFIX = " (http)";

    private OtlpEndpoints() {
    }

    /**
     * The base URL of the first {@code otelcol.receiver.otlp} with an {@code http} block in a config (its
     * {@code endpoint}, 0.0.0.0:4318 when unset, reached on loopback); empty when the config has none.
     */
    public static Optional<URI> fromConfig(String name, String text) {
        return ConfigListeners.of(name, text).stream()
                .filter(listener -> listener.component().startsWith(RECEIVER) && listener.component().endsWith(HTTP_SUFFIX))
                .filter(listener -> ListenAddress.valid(listener.address()))
                .findFirst()
                .map(listener -> URI.create("http://" + ListenAddress.forClients(listener.address())));
    }

    /**
     * A base URL typed by a user: {@code http(s)://host[:port][/path]}. A trailing slash, and a trailing
     * {@code /v1/traces}, {@code /v1/logs} or {@code /v1/metrics} (a signal's URL pasted by mistake), are dropped.
     *
     * @throws IllegalArgumentException with a message for people
     */
    public static URI parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.contains("://")) {
            throw new IllegalArgumentException("the OTLP/HTTP URL must start with http:// or https://, e.g. " + DEFAULT
                    + ", not " + trimmed);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + trimmed + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the OTLP/HTTP URL must start with http:// or https://, e.g. " + DEFAULT
                    + ", not " + trimmed);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the OTLP/HTTP URL has no host: " + trimmed);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("the OTLP/HTTP URL must not have a query or fragment: " + trimmed);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            if (path.endsWith(signal.path())) {
                path = path.substring(0, path.length() - signal.path().length());
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme, uri.getUserInfo(), uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + trimmed + " (" + e.getReason() + ")");
        }
    }

    /** The URL one signal is posted to, e.g. {@code http://127.0.0.1:4318/v1/traces}. */
    public static URI forSignal(URI base, TelemetrySignal signal) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + signal.path());
    }

    /** {@code host:port} of a URL, with the scheme's default port when none is written. */
    public static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** Loopback names and addresses, which must never go through a proxy. */
    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false; // a name: never resolved here, so a slow DNS cannot stall the check
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
