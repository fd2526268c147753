package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.secrets.Secret;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fills a profile from grafana.com (FACTS §7): {@code GET /api/instances/{slug}} for the stack's ids and URLs and
 * {@code GET /api/instances/{id}/connections} for the OTLP gateway. Needs a token with {@code stacks:read}; a 403
 * means the token lacks it, and the manual form is the way on.
 */
public final class StackDiscovery {

    /** What discovery found: the endpoints and the stack URL, or the failed probe that explains why not. */
    public record Outcome(ProbeResult probe, Optional<String> stackUrl, Map<Signal, Endpoint> endpoints) {
        public boolean found() {
            return probe.ok();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final String apiBase;

    public StackDiscovery(ConnectionTester tester, String apiBase) {
        this.http = tester.http();
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    }

    public Outcome discover(String slug, Secret token) {
        String stack = slugOf(slug);
        HttpUrl base = HttpUrl.parse(apiBase);
        ProbeCall call = new ProbeCall("discovery", apiBase + "/api/instances/" + stack, "");
        if (base == null) {
            return new Outcome(call.failed(Problem.INVALID_URL, "the grafana.com API setting is not a URL"),
                    Optional.empty(), Map.of());
        }
        if (!stack.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            return new Outcome(call.failed(Problem.INVALID_URL, "a stack slug is the first part of its URL, e.g. "
                    + "'mystack' for https://mystack.grafana.net"), Optional.empty(), Map.of());
        }
        String bearer = token.reveal(chars -> "Bearer " + new String(chars));
        JsonNode[] instance = new JsonNode[1];
        ProbeResult probe = call.execute(http, new Request.Builder()
                .url(base.newBuilder().addPathSegments("api/instances").addPathSegment(stack).build())
                .header("Authorization", bearer).header("Accept", "application/json").get().build(),
                (status, response, body) -> {
                    Problem problem = ProbeCall.common(status);
                    if (problem == Problem.NONE) {
                        instance[0] = parse(body);
                        if (instance[0] == null) {
                            return Problem.UNEXPECTED;
                        }
                    }
                    return problem;
                }, new CallRegistry());
        if (!probe.ok()) {
            return new Outcome(probe, Optional.empty(), Map.of());
        }
        JsonNode stackJson = instance[0];
        Map<Signal, Endpoint> endpoints = new EnumMap<>(Signal.class);
        text(stackJson, "hmInstancePromUrl").ifPresent(url -> endpoints.put(Signal.METRICS,
                new Endpoint(join(url, "/api/prom/push"), text(stackJson, "hmInstancePromId").orElse(""))));
        text(stackJson, "hlInstanceUrl").ifPresent(url -> endpoints.put(Signal.LOGS,
                new Endpoint(join(url, "/loki/api/v1/push"), text(stackJson, "hlInstanceId").orElse(""))));
        text(stackJson, "htInstanceUrl").ifPresent(url -> endpoints.put(Signal.TRACES,
                new Endpoint(hostPort(url), text(stackJson, "htInstanceId").orElse(""))));
        text(stackJson, "agentManagementInstanceUrl").ifPresent(url -> endpoints.put(Signal.FLEET,
                new Endpoint(url, text(stackJson, "agentManagementInstanceId").orElse(""))));
        Optional<String> id = text(stackJson, "id");
        id.flatMap(value -> otlpUrl(base, value, bearer)).ifPresent(url -> endpoints.put(Signal.OTLP,
                new Endpoint(url, id.get())));
        return new Outcome(probe, text(stackJson, "url"), endpoints);
    }

    /** Users paste the stack's URL as often as its slug: {@code https://mystack.grafana.net/} → {@code mystack}. */
    public static String slugOf(String input) {
        String value = input.strip();
        HttpUrl url = HttpUrl.parse(value.contains("://") ? value : "https://" + value);
        if (url != null && url.host().endsWith(".grafana.net")) {
            return url.host().substring(0, url.host().indexOf('.'));
        }
        return value;
    }

    /** The OTLP gateway URL; missing it is not fatal — the other signals were found. */
    private Optional<String> otlpUrl(HttpUrl base, String id, String bearer) {
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegments("api/instances").addPathSegment(id).addPathSegment("connections").build())
                .header("Authorization", bearer).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful() || response.body() == null) {
                return Optional.empty();
            }
            return text(JSON.readTree(response.body().byteStream()), "otlpHttpUrl");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    private static String join(String url, String path) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed.endsWith(path) ? trimmed : trimmed + path;
    }

    /** Tempo's OTLP gRPC address: the host of {@code htInstanceUrl} and port 443. */
    private static String hostPort(String url) {
        HttpUrl parsed = HttpUrl.parse(url.contains("://") ? url : "https://" + url);
        return parsed == null ? url : parsed.host() + ":443";
    }
}
