package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.Redactor;
import io.alloycompanion.core.secrets.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Asks Grafana Cloud's query APIs, with the profile's read-only token, whether data arrived — the other half of
 * {@link ConnectionTester}, which only proves data is accepted: Prometheus's instant query on the metrics endpoint,
 * Loki's {@code query_range} on the logs endpoint, Tempo's search on the traces host. Each signal takes the same
 * basic-auth username as for pushing (FACTS §7). java.net.http with the proxy choice the probes use; each request
 * within {@link #LIMIT}; nothing is retried (a 429 is reported, not waited out).
 */
public final class DataQueries {

    public static final Duration LIMIT = Duration.ofSeconds(10);
    /** How far back logs and traces are looked for; metrics use Prometheus's own 5-minute lookback. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /**
     * The OTLP counter {@code alloy_companion.smoke.runs} (unit {@code {run}}) from {@code telemetry send}, as
     * Prometheus names it: with the {@code _total} suffix counters get, or without where suffixes are not added.
     */
    static final List<String> SMOKE_METRICS = List.of("alloy_companion_smoke_runs_total", "alloy_companion_smoke_runs");
    /** Carries each series' metric name past {@code timestamp()}, which drops {@code __name__}. */
    static final String NAME_LABEL = "alloy_companion_metric";
    static final String LOGS_QUERY = "{service_name=~\".+\"}";
    private static final int LIMIT_ENTRIES = 5;
    private static final int MAX_EXAMPLES = 5;
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;

    public DataQueries(ProxySelector proxies) {
        this(HttpClient.newBuilder().proxy(proxies).connectTimeout(LIMIT).followRedirects(HttpClient.Redirect.NEVER).build(),
                Clock.systemUTC());
    }

    DataQueries(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Series that prove this set-up's metrics arrived in the last 5 minutes: the smoke counter {@code telemetry send}
     * writes, and {@code up} of each scrape job of the config ({@code prometheus.scrape} names its job after the
     * component unless {@code job_name} is set).
     */
    public QueryResult metrics(Endpoint endpoint, Secret token, List<String> scrapeJobs) throws InterruptedException {
        String query = metricsQuery(scrapeJobs);
        Optional<URI> base = prometheusQueryBase(endpoint.url());
        if (base.isEmpty()) {
            return failed("metrics", endpoint.url(), query, endpoint, Problem.INVALID_URL,
                    "no Prometheus query API is known for this push URL");
        }
        URI uri = withQuery(base.get(), "/api/v1/query", "query", query);
        return ask("metrics", uri, query, endpoint, token, DataQueries::readPrometheus);
    }

    /** Any log stream with a {@code service_name} in the last 15 minutes (newest first, at most 5 lines). */
    public QueryResult logs(Endpoint endpoint, Secret token) throws InterruptedException {
        Optional<URI> base = lokiBase(endpoint.url());
        if (base.isEmpty()) {
            return failed("logs", endpoint.url(), LOGS_QUERY, endpoint, Problem.INVALID_URL,
                    "no Loki query API is known for this push URL");
        }
        URI uri = withQuery(base.get(), "/loki/api/v1/query_range", "query", LOGS_QUERY, "limit", String.valueOf(LIMIT_ENTRIES),
                "since", WINDOW.toMinutes() + "m");
        return ask("logs", uri, LOGS_QUERY, endpoint, token, DataQueries::readLoki);
    }

    /**
     * Up to 5 traces that started in the last 15 minutes, from Tempo's search API on the traces host.
     * Verify: FACTS does not list Grafana Cloud Tempo's HTTP query path; {@code /tempo/api/search} on the Tempo host
     * is what Grafana's Tempo data source for a cloud stack points at ({@code https://<host>/tempo}). A 404 therefore
     * means "path not known here", not a broken set-up.
     */
    public QueryResult traces(Endpoint endpoint, Secret token) throws InterruptedException {
        Instant end = clock.instant();
        Instant start = end.minus(WINDOW);
        String query = "limit=" + LIMIT_ENTRIES + ", last " + WINDOW.toMinutes() + " minutes";
        Optional<URI> base = tempoBase(endpoint.url());
        if (base.isEmpty()) {
            return failed("traces", endpoint.url(), query, endpoint, Problem.INVALID_URL, "expected host:443 or https://host");
        }
        URI uri = withQuery(base.get(), "/tempo/api/search", "limit", String.valueOf(LIMIT_ENTRIES),
                "start", String.valueOf(start.getEpochSecond()), "end", String.valueOf(end.getEpochSecond()));
        return ask("traces", uri, query, endpoint, token, DataQueries::readTempo);
    }

    // ---- queries and addresses ------------------------------------------------------------------------------------

    /**
     * Each series turned into the time of its newest sample (within Prometheus's 5-minute lookback) by
     * {@code timestamp()} — applied straight to a selector, or it gives the evaluation time instead — then labelled with
     * its metric name, which {@code timestamp()} drops, so series of different names stay apart.
     */
    static String metricsQuery(List<String> scrapeJobs) {
        List<String> parts = new ArrayList<>();
        for (String name : SMOKE_METRICS) {
            parts.add(named(name, name));
        }
        for (String job : new LinkedHashSet<>(scrapeJobs)) {
            parts.add(named("up{job=\"" + promString(job) + "\"}", "up"));
        }
        return String.join(" or ", parts);
    }

    private static String named(String selector, String name) {
        return "label_replace(timestamp(" + selector + "), \"" + NAME_LABEL + "\", \"" + name + "\", \"\", \"\")";
    }

    private static String promString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * The Prometheus query API behind a push URL: Grafana Cloud's {@code …/api/prom/push} → {@code …/api/prom};
     * Mimir's {@code …/api/v1/push} → {@code …/prometheus}; Prometheus's own receiver {@code …/api/v1/write} → the root.
     */
    static Optional<URI> prometheusQueryBase(String pushUrl) {
        return parse(pushUrl).flatMap(uri -> {
            String path = trimSlash(Optional.ofNullable(uri.getRawPath()).orElse(""));
            String base;
            if (path.endsWith("/api/prom/push")) {
                base = path.substring(0, path.length() - "/push".length());
            } else if (path.endsWith("/api/v1/push")) {
                base = path.substring(0, path.length() - "/api/v1/push".length()) + "/prometheus";
            } else if (path.endsWith("/api/v1/write")) {
                base = path.substring(0, path.length() - "/api/v1/write".length());
            } else {
                return Optional.empty();
            }
            return Optional.of(origin(uri, base));
        });
    }

    /** Loki's root behind its push URL {@code …/loki/api/v1/push}. */
    static Optional<URI> lokiBase(String pushUrl) {
        return parse(pushUrl).flatMap(uri -> {
            String path = trimSlash(Optional.ofNullable(uri.getRawPath()).orElse(""));
            return path.endsWith("/loki/api/v1/push")
                    ? Optional.of(origin(uri, path.substring(0, path.length() - "/loki/api/v1/push".length())))
                    : Optional.empty();
        });
    }

    /** Tempo's HTTPS root from its OTLP gRPC address {@code host:443} (a scheme, if given, is kept). */
    static Optional<URI> tempoBase(String address) {
        String value = address.strip();
        return parse(value.contains("://") ? value : "https://" + value).map(uri -> origin(uri, ""));
    }

    private static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Scheme, host and port (the default port left out) with {@code path}. */
    private static URI origin(URI uri, String path) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + path);
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static URI withQuery(URI base, String path, String... keyValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            pairs.add(URLEncoder.encode(keyValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(base + path + "?" + String.join("&", pairs));
    }

    // ---- asking -----------------------------------------------------------------------------------------------------

    /** What an answer with status 2xx holds. */
    private record Found(int count, Optional<Instant> newest, List<String> examples) {
    }

    @FunctionalInterface
    private interface Reader {
        Found read(JsonNode body);
    }

    private QueryResult ask(String target, URI uri, String query, Endpoint endpoint, Secret token, Reader reader)
            throws InterruptedException {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(LIMIT).header("Accept", "application/json")
                .header("Authorization", ConnectionTester.basicAuth(endpoint.username(), token)).GET().build();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream stream = response.body()) {
                body = new String(stream.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return new QueryResult(target, uri.toString(), query, endpoint.username(), classify(e), Optional.empty(),
                    elapsed(started), Redactor.global().redact(Errors.rootMessage(e)), 0, Optional.empty(), List.of());
        }
        int status = response.statusCode();
        Problem problem = status == 407 ? Problem.PROXY_AUTH : ProbeCall.common(status);
        if (problem != Problem.NONE) {
            return new QueryResult(target, uri.toString(), query, endpoint.username(), problem, Optional.of(status),
                    elapsed(started), excerpt(body), 0, Optional.empty(), List.of());
        }
        Found found;
        try {
            found = reader.read(JSON.readTree(body));
        } catch (JacksonException | RuntimeException e) {
            return new QueryResult(target, uri.toString(), query, endpoint.username(), Problem.UNEXPECTED, Optional.of(status),
                    elapsed(started), "not the expected JSON: " + excerpt(body), 0, Optional.empty(), List.of());
        }
        return new QueryResult(target, uri.toString(), query, endpoint.username(), Problem.NONE, Optional.of(status),
                elapsed(started), "", found.count(), found.newest(), found.examples());
    }

    private static QueryResult failed(String target, String url, String query, Endpoint endpoint, Problem problem, String detail) {
        return new QueryResult(target, url, query, endpoint.username(), problem, Optional.empty(), Duration.ZERO, detail, 0,
                Optional.empty(), List.of());
    }

    /** Network failures told apart by type; the name lookup is looked for first, as it hides inside a ConnectException. */
    static Problem classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return Problem.DNS;
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return Problem.TLS;
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return Problem.TIMEOUT;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return Problem.REFUSED;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("407") || message.contains("Proxy Authentication Required")) {
                return Problem.PROXY_AUTH;
            }
        }
        return Problem.UNEXPECTED;
    }

    private static String excerpt(String body) {
        String text = Redactor.global().redact(body.strip().replaceAll("\\s+", " "));
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    // ---- reading the answers ----------------------------------------------------------------------------------------

    /** {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[t,"<sample time>"]}]}}}. */
    private static Found readPrometheus(JsonNode body) {
        JsonNode result = array(body.path("data").path("result"));
        Optional<Instant> newest = Optional.empty();
        Set<String> examples = new LinkedHashSet<>();
        for (JsonNode series : result) {
            double seconds = Double.parseDouble(series.path("value").path(1).asText());
            newest = later(newest, Instant.ofEpochMilli(Math.round(seconds * 1000)));
            JsonNode labels = series.path("metric");
            String name = labels.path(NAME_LABEL).asText("?");
            examples.add(labels.hasNonNull("job") ? name + "{job=\"" + labels.path("job").asText() + "\"}" : name);
        }
        return new Found(result.size(), newest, first(examples));
    }

    /** {@code {"status":"success","data":{"resultType":"streams","result":[{"stream":{…},"values":[["<ns>","line"]]}]}}}. */
    private static Found readLoki(JsonNode body) {
        JsonNode result = array(body.path("data").path("result"));
        Optional<Instant> newest = Optional.empty();
        Set<String> examples = new LinkedHashSet<>();
        for (JsonNode stream : result) {
            for (JsonNode entry : stream.path("values")) {
                newest = later(newest, nanos(entry.path(0).asText()));
            }
            examples.add(stream.path("stream").path("service_name").asText("?"));
        }
        return new Found(result.size(), newest, first(examples));
    }

    /** {@code {"traces":[{"traceID":…,"rootServiceName":…,"rootTraceName":…,"startTimeUnixNano":"<ns>"}],"metrics":{…}}}. */
    private static Found readTempo(JsonNode body) {
        JsonNode traces = body.path("traces");
        if (traces.isMissingNode() || traces.isNull()) {
            // Tempo leaves the list out when nothing matched; its search metrics are still there.
            if (!body.path("metrics").isObject()) {
                throw new IllegalArgumentException("neither traces nor metrics in the answer");
            }
            return new Found(0, Optional.empty(), List.of());
        }
        array(traces);
        Optional<Instant> newest = Optional.empty();
        Set<String> examples = new LinkedHashSet<>();
        for (JsonNode trace : traces) {
            if (trace.hasNonNull("startTimeUnixNano")) {
                newest = later(newest, nanos(trace.path("startTimeUnixNano").asText()));
            }
            String root = trace.path("rootServiceName").asText("?");
            examples.add(trace.hasNonNull("rootTraceName") ? root + ": " + trace.path("rootTraceName").asText() : root);
        }
        return new Found(traces.size(), newest, first(examples));
    }

    private static JsonNode array(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected a list");
        }
        return node;
    }

    private static Instant nanos(String text) {
        long value = Long.parseLong(text.strip());
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    }

    private static Optional<Instant> later(Optional<Instant> current, Instant candidate) {
        return Optional.of(current.filter(found -> found.isAfter(candidate)).orElse(candidate));
    }

    private static List<String> first(Set<String> examples) {
        return examples.stream().limit(MAX_EXAMPLES).collect(Collectors.toList());
    }
}
