package io.alloycompanion.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five services of the local stack as real HTTP servers on 127.0.0.1, answering the endpoints the local-stack
 * checks ask in the services' own response shapes: the ready endpoints, Grafana's {@code /api/health} and
 * {@code /api/datasources}, Prometheus' instant query for the two query forms used (a {@code count(...)} and a
 * {@code name{job="..."}} selector) and Loki's {@code query_range} for a stream selector with an optional line regex
 * or structured-metadata filter. Starts as the stack provisions itself: every service ready, the three data
 * sources linked both ways, no series, no logs.
 */
public final class FakeLocalStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One log line as Loki keeps it: stream labels, structured metadata, the line. */
    public record LogEntry(Map<String, String> labels, Map<String, String> metadata, String line) {
    }

    public record Series(Map<String, String> labels, double value) {
    }

    private final Map<StackService, HttpServer> servers = new EnumMap<>(StackService.class);
    private final Map<StackService, Integer> readyStatus = Collections.synchronizedMap(new EnumMap<>(StackService.class));
    private final Map<StackService, String> readyBody = Collections.synchronizedMap(new EnumMap<>(StackService.class));
    private volatile String grafanaHealth = "{\"database\":\"ok\",\"version\":\"12.1.1\",\"commit\":\"df5de8219b41d1e639e003bf5f3a85913761d167\"}";
    private volatile int grafanaHealthStatus = 200;
    private volatile boolean starterDashboard = true;
    private volatile boolean listOmitsJsonData;
    private final List<Map<String, Object>> datasources = new CopyOnWriteArrayList<>();
    private final List<Series> series = new CopyOnWriteArrayList<>();
    private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
    /** Every path and query asked, per service, in order. */
    public final Map<StackService, List<String>> asked = Collections.synchronizedMap(new EnumMap<>(StackService.class));

    public FakeLocalStack() throws IOException {
        for (StackService service : StackService.values()) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> answer(service, exchange));
            server.start();
            servers.put(service, server);
            readyStatus.put(service, 200);
            asked.put(service, new CopyOnWriteArrayList<>());
        }
        readyBody.put(StackService.ALLOY, "Alloy is ready.\n");
        readyBody.put(StackService.TEMPO, "ready\n");
        readyBody.put(StackService.LOKI, "ready\n");
        readyBody.put(StackService.PROMETHEUS, "Prometheus Server is Ready.\n");
        provisionedDatasources();
    }

    /** The settings of a stack published on these servers' ports. */
    public StackSettings settings() {
        StackSettings settings = StackSettings.DEFAULTS;
        for (StackService service : StackService.values()) {
            settings = settings.withHostPort(service, port(service));
        }
        return settings;
    }

    public int port(StackService service) {
        return servers.get(service).getAddress().getPort();
    }

    /** The service's port closes: connections are refused from now on. */
    public void stop(StackService service) {
        servers.get(service).stop(0);
    }

    public void notReady(StackService service, int status, String body) {
        readyStatus.put(service, status);
        readyBody.put(service, body);
    }

    public void grafanaHealth(int status, String body) {
        grafanaHealthStatus = status;
        grafanaHealth = body;
    }

    /** Grafana without the provisioned starter dashboard (its file removed, or provisioning failed). */
    public void noStarterDashboard() {
        starterDashboard = false;
    }

    /** Like older Grafanas and some proxies: the list carries no jsonData; {@code /api/datasources/uid/<uid>} does. */
    public void listWithoutJsonData() {
        listOmitsJsonData = true;
    }

    public List<Map<String, Object>> datasources() {
        return datasources;
    }

    public Map<String, Object> datasource(String uid) {
        return datasources.stream().filter(source -> uid.equals(source.get("uid"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no data source " + uid));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonData(String uid) {
        return (Map<String, Object>) datasource(uid).get("jsonData");
    }

    /** What the stack's generated provisioning creates. */
    public void provisionedDatasources() {
        datasources.clear();
        datasources.add(source(1, "tempo", "Tempo", "tempo", "http://tempo:3200", false, new LinkedHashMap<>(Map.of(
                "tracesToLogsV2", Map.of("datasourceUid", "loki", "spanStartTimeShift", "-5m", "spanEndTimeShift", "5m",
                        "filterByTraceID", true, "customQuery", false),
                "tracesToMetrics", Map.of("datasourceUid", "prometheus"),
                "serviceMap", Map.of("datasourceUid", "prometheus"),
                "nodeGraph", Map.of("enabled", true)))));
        datasources.add(source(2, "loki", "Loki", "loki", "http://loki:3100", false, new LinkedHashMap<>(Map.of(
                "derivedFields", List.of(Map.of("name", "TraceID", "matcherType", "regex",
                        "matcherRegex", "(?:trace_id|traceid|traceID)[=:\"]+(\\w+)", "datasourceUid", "tempo", "url", "${__value.raw}",
                        "urlDisplayLabel", "View trace"))))));
        datasources.add(source(3, "prometheus", "Prometheus", "prometheus", "http://prometheus:9090", true, new LinkedHashMap<>(Map.of(
                "httpMethod", "POST",
                "exemplarTraceIdDestinations", List.of(Map.of("name", "trace_id", "datasourceUid", "tempo"))))));
    }

    public static Map<String, Object> source(int id, String uid, String name, String type, String url, boolean isDefault,
                                             Map<String, Object> jsonData) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", id);
        source.put("uid", uid);
        source.put("orgId", 1);
        source.put("name", name);
        source.put("type", type);
        source.put("typeName", name);
        source.put("typeLogoUrl", "public/app/plugins/datasource/" + type + "/img/logo.svg");
        source.put("access", "proxy");
        source.put("url", url);
        source.put("user", "");
        source.put("database", "");
        source.put("basicAuth", false);
        source.put("isDefault", isDefault);
        source.put("jsonData", jsonData);
        source.put("readOnly", true);
        return source;
    }

    public void addSeries(double value, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        series.add(new Series(map, value));
    }

    public void clearSeries() {
        series.clear();
    }

    /** Tempo's metrics generator has turned spans of two services into span metrics. */
    public void spanMetrics() {
        for (String service : List.of("checkout", "cart")) {
            for (String kind : List.of("SPAN_KIND_SERVER", "SPAN_KIND_CLIENT")) {
                addSeries(12, "__name__", "traces_spanmetrics_calls_total", "service", service, "span_kind", kind,
                        "status_code", "STATUS_CODE_UNSET", "job", "tempo");
            }
        }
    }

    public void addLog(Map<String, String> labels, Map<String, String> metadata, String line) {
        logs.add(new LogEntry(labels, metadata, line));
    }

    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
    }

    // ---- answering ------------------------------------------------------------------------------------------------

    private void answer(StackService service, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            asked.get(service).add(path + (rawQuery == null ? "" : "?" + rawQuery));
            Map<String, String> params = params(rawQuery);
            if (path.equals(service.healthPath()) && service != StackService.GRAFANA) {
                send(exchange, readyStatus.get(service), "text/plain; charset=utf-8", readyBody.get(service));
                return;
            }
            switch (service) {
                case GRAFANA -> grafana(exchange, path);
                case PROMETHEUS -> prometheus(exchange, path, params);
                case LOKI -> loki(exchange, path, params);
                default -> send(exchange, 404, "text/plain", "404 page not found\n");
            }
        }
    }

    private void grafana(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/api/health")) {
            send(exchange, grafanaHealthStatus, "application/json", grafanaHealth);
        } else if (path.equals("/api/datasources")) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Map<String, Object> source : datasources) {
                Map<String, Object> copy = new LinkedHashMap<>(source);
                if (listOmitsJsonData) {
                    copy.remove("jsonData");
                }
                list.add(copy);
            }
            send(exchange, 200, "application/json", JSON.writeValueAsString(list));
        } else if (path.equals("/api/dashboards/uid/alloy-companion-starter") && starterDashboard) {
            send(exchange, 200, "application/json", "{\"dashboard\":{\"uid\":\"alloy-companion-starter\",\"title\":"
                    + "\"Alloy Companion — RED metrics and logs\"},\"meta\":{\"folderTitle\":\"Alloy Companion\","
                    + "\"url\":\"/d/alloy-companion-starter/alloy-companion-red-metrics-and-logs\",\"provisioned\":true}}");
        } else if (path.startsWith("/api/dashboards/uid/")) {
            send(exchange, 404, "application/json", "{\"message\":\"Dashboard not found\"}");
        } else if (path.startsWith("/api/datasources/uid/")) {
            String uid = path.substring("/api/datasources/uid/".length());
            var found = datasources.stream().filter(source -> uid.equals(source.get("uid"))).findFirst();
            if (found.isPresent()) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(found.get()));
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Data source not found\"}");
            }
        } else {
            send(exchange, 404, "application/json", "{\"message\":\"Not found\"}");
        }
    }

    private static final Pattern COUNT = Pattern.compile("count\\((\\w+)\\)");
    private static final Pattern SELECTOR = Pattern.compile("(\\w+)\\{(\\w+)=\"([^\"]*)\"}");

    private void prometheus(HttpExchange exchange, String path, Map<String, String> params) throws IOException {
        if (!path.equals("/api/v1/query")) {
            send(exchange, 404, "text/plain", "404 page not found\n");
            return;
        }
        String query = params.getOrDefault("query", "");
        List<Map<String, Object>> result = new ArrayList<>();
        double at = System.currentTimeMillis() / 1000.0;
        Matcher count = COUNT.matcher(query);
        Matcher selector = SELECTOR.matcher(query);
        if (count.matches()) {
            long n = series.stream().filter(s -> count.group(1).equals(s.labels().get("__name__"))).count();
            if (n > 0) {
                result.add(Map.of("metric", Map.of(), "value", List.of(at, String.valueOf(n))));
            }
        } else if (selector.matches()) {
            for (Series s : series) {
                if (selector.group(1).equals(s.labels().get("__name__")) && selector.group(3).equals(s.labels().get(selector.group(2)))) {
                    result.add(Map.of("metric", s.labels(), "value", List.of(at, format(s.value()))));
                }
            }
        } else {
            send(exchange, 400, "application/json", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:1: parse error: unexpected character\"}");
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("status", "success",
                "data", Map.of("resultType", "vector", "result", result))));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static final Pattern LOGQL = Pattern.compile(
            "\\{service_name=~\"\\.\\+\"}(?: \\|~ \"([^\"]*)\"| \\| trace_id!=\"\" or traceid!=\"\")?");

    private void loki(HttpExchange exchange, String path, Map<String, String> params) throws IOException {
        if (!path.equals("/loki/api/v1/query_range")) {
            send(exchange, 404, "text/plain", "404 page not found\n");
            return;
        }
        String query = params.getOrDefault("query", "");
        Matcher matcher = LOGQL.matcher(query);
        if (!matcher.matches() || !params.containsKey("start") || !params.containsKey("end")) {
            send(exchange, 400, "text/plain; charset=utf-8", "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n");
            return;
        }
        boolean metadataFilter = query.contains("trace_id!=");
        Pattern lineFilter = matcher.group(1) == null ? null : Pattern.compile(matcher.group(1));
        int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
        // Newest first (direction=backward): the entries were added oldest first.
        Map<Map<String, String>, List<List<String>>> streams = new LinkedHashMap<>();
        long now = System.currentTimeMillis() * 1_000_000L;
        int taken = 0;
        for (int i = logs.size() - 1; i >= 0 && taken < limit; i--) {
            LogEntry entry = logs.get(i);
            if (!entry.labels().containsKey("service_name")) {
                continue;
            }
            if (lineFilter != null && !lineFilter.matcher(entry.line()).find()) {
                continue;
            }
            if (metadataFilter && entry.metadata().getOrDefault("trace_id", "").isEmpty()
                    && entry.metadata().getOrDefault("traceid", "").isEmpty()) {
                continue;
            }
            // Without the categorize-labels flag Loki folds structured metadata into the stream's labels.
            Map<String, String> labels = new LinkedHashMap<>(entry.labels());
            labels.putAll(entry.metadata());
            streams.computeIfAbsent(labels, key -> new ArrayList<>()).add(List.of(String.valueOf(now - i), entry.line()));
            taken++;
        }
        List<Map<String, Object>> result = new ArrayList<>();
        streams.forEach((labels, values) -> result.add(Map.of("stream", labels, "values", values)));
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("status", "success",
                "data", Map.of("resultType", "streams", "result", result,
                        "stats", Map.of("summary", Map.of("totalLinesProcessed", logs.size()))))));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
