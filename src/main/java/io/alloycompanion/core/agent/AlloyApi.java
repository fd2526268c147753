package io.alloycompanion.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alloy's HTTP API on its listen address (FACTS.md §4): ready, healthy, reload, components, metrics. Loopback only, so
 * never through a proxy. Every call is time-limited; an Alloy that does not answer is {@link Unreachable}.
 */
public final class AlloyApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern BUILD_VERSION = Pattern.compile("^alloy_build_info\\{[^}]*version=\"([^\"]+)\"", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer to a probe: the HTTP status and the body's text. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /** Nothing answered on the address (refused, timed out, reset). */
    public static final class Unreachable extends Exception {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final URI base;

    /** @param listenAddress {@code host:port}, as given to {@code --server.http.listen-addr} */
    public AlloyApi(HttpClient http, String listenAddress) {
        this.http = http;
        this.base = URI.create("http://" + ListenAddress.forClients(listenAddress));
    }

    /** A client for loopback calls: no proxy, HTTP/1.1, short connect timeout. */
    public static HttpClient loopbackClient() {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    public URI base() {
        return base;
    }

    public Answer ready() throws Unreachable, InterruptedException {
        return get("/-/ready", TIMEOUT);
    }

    public Answer healthy() throws Unreachable, InterruptedException {
        return get("/-/healthy", TIMEOUT);
    }

    /** POST {@code /-/reload}: 200 {@code config reloaded}, or 400 with Alloy's error text (the old config keeps running). */
    public Answer reload() throws Unreachable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/-/reload")).timeout(RELOAD_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public String metrics() throws Unreachable, InterruptedException {
        Answer answer = get("/metrics", TIMEOUT);
        if (!answer.ok()) {
            throw new Unreachable("/metrics answered HTTP " + answer.status(), null);
        }
        return answer.body();
    }

    /** The version from {@code alloy_build_info}, when /metrics has it. */
    public Optional<String> version() throws Unreachable, InterruptedException {
        Matcher matcher = BUILD_VERSION.matcher(metrics());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * Whether what answers here is Alloy: {@code alloy_build_info} in {@code /metrics}, or a JSON array at the
     * components API (a build without the metric).
     */
    public boolean isAlloy() throws InterruptedException {
        try {
            if (version().isPresent()) {
                return true;
            }
        } catch (Unreachable e) {
            // Try the components API.
        }
        try {
            Answer answer = get("/api/v0/web/components", TIMEOUT);
            return answer.ok() && answer.body().strip().startsWith("[");
        } catch (Unreachable e) {
            return false;
        }
    }

    /** The root module's components with their health; unknown and missing fields are tolerated. */
    public List<ComponentHealth> components() throws Unreachable, InterruptedException {
        Answer answer = get("/api/v0/web/components", TIMEOUT);
        if (!answer.ok()) {
            throw new Unreachable("/api/v0/web/components answered HTTP " + answer.status(), null);
        }
        return parseComponents(answer.body());
    }

    static List<ComponentHealth> parseComponents(String json) throws Unreachable {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new Unreachable("/api/v0/web/components did not answer JSON: " + e.getMessage(), e);
        }
        List<ComponentHealth> out = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode node : root) {
            JsonNode health = node.path("health");
            out.add(new ComponentHealth(node.path("localID").asText(""), node.path("name").asText(""),
                    node.path("moduleID").asText(""), ComponentHealth.State.parse(health.path("state").asText(null)),
                    health.path("message").asText(""), instant(health.path("updatedTime").asText(""))));
        }
        return out;
    }

    private static Optional<Instant> instant(String text) {
        if (text.isEmpty() || text.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Answer get(String path, Duration timeout) throws Unreachable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
    }

    private Answer send(HttpRequest request) throws Unreachable, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unreachable("Nothing answers on " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
