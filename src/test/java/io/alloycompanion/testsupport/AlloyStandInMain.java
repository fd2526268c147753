package io.alloycompanion.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test code only: the Alloy stand-in's {@code run} and {@code validate} (its {@code --version} is answered by the
 * shell script of {@link AlloyStandIn}). A separate process with a real HTTP server on the listen address, the
 * endpoints of FACTS.md §4 and the log lines of §5, written to stderr in logfmt.
 *
 * <p>Faults are switched by comments in the config it runs, so a test changes behaviour by writing the file:
 * {@code // standin: exit-at-once}, {@code crash-after=SECONDS}, {@code fail-reload}, {@code flood=LINES_PER_SECOND},
 * {@code unauthorized} (remote_write answers 401 every second and turns unhealthy), {@code spawn-child} (starts a
 * long {@code sleep} child, to check that no descendant outlives a stop), {@code ready-after=MILLIS},
 * {@code ignore-sigterm} (only a forced kill ends it), {@code refuse-otlp} (the OTLP receivers answer 503 and count
 * the items as refused).
 *
 * <p>An {@code otelcol.receiver.otlp} with an {@code http} block listens on its {@code endpoint} (0.0.0.0:4318 when
 * unset) and takes {@code POST /v1/traces}, {@code /v1/logs} and {@code /v1/metrics} with protobuf bodies: it counts
 * the spans, log records and metric data points in them ({@link OtlpPayloads}), answers 200 with an empty response,
 * and shows the counts on {@code /metrics} as {@code otelcol_receiver_accepted_spans{receiver="otlp",transport="http"}},
 * {@code …_log_records}, {@code …_metric_points} and the {@code otelcol_receiver_refused_…} twins (series appear with
 * a signal's first request, as Alloy's do). A receiver port already taken is logged and the component turns unhealthy;
 * Alloy keeps running, as the real one does.
 */
public final class AlloyStandInMain {

    static final String VERSION = "v1.18.0";
    private static final Pattern BLOCK = Pattern.compile("^\\s*([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+)\\s+\"([^\"]*)\"\\s*\\{",
            Pattern.MULTILINE);
    private static final Pattern FAULT = Pattern.compile("//\\s*standin:\\s*(.+)$", Pattern.MULTILINE);

    private final PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    private final Path config;
    private volatile List<String[]> components = List.of();
    private volatile Map<String, String> faults = Map.of();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean unhealthy = new AtomicBoolean();
    private final AtomicLong samplesSent = new AtomicLong();
    private final AtomicLong samplesFailed = new AtomicLong();
    /** Per signal (traces, logs, metrics): {accepted, refused}; absent until the signal's first request. */
    private final Map<String, AtomicLong[]> otlpCounts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Open OTLP/HTTP receivers by endpoint, with the component that opened each. */
    private final Map<String, HttpServer> otlpServers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, String> otlpEndpoints = Map.of();
    private final java.util.Set<String> failedComponents = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int loadFailures;

    private AlloyStandInMain(Path config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("Error: expected a command (run, validate)");
            System.exit(1);
        }
        switch (args[0]) {
            case "validate": {
                Path file = Path.of(args[args.length - 1]);
                String error = syntaxError(file);
                if (error != null) {
                    System.err.println("Error: " + error);
                    System.exit(1);
                }
                System.exit(0);
                break;
            }
            case "run":
                run(args);
                break;
            default:
                System.err.println("Error: unknown command \"" + args[0] + "\" for \"alloy\"");
                System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String listen = "127.0.0.1:12345";
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--server.http.listen-addr=")) {
                listen = args[i].substring("--server.http.listen-addr=".length());
            } else if (!args[i].startsWith("--")) {
                file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("Error: expected exactly 1 argument, got 0");
            System.exit(1);
        }
        new AlloyStandInMain(file).start(listen);
    }

    private void line(String level, String msg, String... keys) {
        StringBuilder out = new StringBuilder("ts=").append(Instant.now()).append(" level=").append(level)
                .append(" msg=").append(quote(msg));
        for (int i = 0; i + 1 < keys.length; i += 2) {
            out.append(' ').append(keys[i]).append('=').append(quote(keys[i + 1]));
        }
        synchronized (log) {
            log.println(out);
        }
    }

    private static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\')) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void start(String listen) throws Exception {
        line("info", "Alloy is starting");
        line("info", "boringcrypto enabled", "enabled", "false");
        String error = syntaxError(config);
        if (error != null) {
            System.err.println("Error: " + error);
            System.err.println("interrupt received");
            System.err.println("Error: could not perform the initial load successfully");
            System.exit(1);
        }
        load();
        if (faults.containsKey("exit-at-once")) {
            line("error", "failed to start", "err", "stand-in told to exit at once");
            System.exit(1);
        }
        int colon = listen.lastIndexOf(':');
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 50);
        } catch (BindException e) {
            line("error", "failed to listen on " + listen, "service", "http", "err",
                    "listen tcp " + listen + ": bind: address already in use");
            System.exit(1);
            return;
        }
        server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
        server.createContext("/-/ready", exchange -> answer(exchange, ready.get() ? 200 : 503,
                ready.get() ? "Alloy is ready.\n" : "Alloy is not ready.\n"));
        server.createContext("/-/healthy", exchange -> {
            List<String> bad = unhealthyTypes();
            answer(exchange, bad.isEmpty() ? 200 : 500, bad.isEmpty() ? "All Alloy components are healthy.\n"
                    : "unhealthy components: " + String.join(", ", bad) + "\n");
        });
        server.createContext("/-/reload", this::reload);
        server.createContext("/metrics", exchange -> answer(exchange, 200, metrics()));
        server.createContext("/api/v0/web/components", exchange -> answer(exchange, 200, componentsJson()));
        server.start();
        syncOtlpReceivers();
        line("info", "starting complete graph evaluation", "controller_path", "/", "controller_id", "");
        for (String[] component : components) {
            line("info", "finished node evaluation", "controller_path", "/", "controller_id", "", "node_id",
                    component[0] + "." + component[1], "duration", "0.5ms");
        }
        line("info", "now listening for http traffic", "service", "http", "addr", listen);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon());
        long readyAfter = Long.parseLong(faults.getOrDefault("ready-after", "0"));
        timers.schedule(() -> {
            ready.set(true);
            line("info", "{^_^} Alloy is running");
        }, readyAfter, TimeUnit.MILLISECONDS);
        if (faults.containsKey("spawn-child")) {
            Process child = new ProcessBuilder("sleep", "600").start();
            line("info", "started helper process", "pid", Long.toString(child.pid()));
        }
        boolean ignoreTerm = faults.containsKey("ignore-sigterm");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            line("info", "interrupt received");
            line("info", "shutting down");
            if (ignoreTerm) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.stop(0);
            Runtime.getRuntime().halt(0); // a graceful stop ends Alloy with exit code 0
        }));
        timers.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        if (faults.containsKey("crash-after")) {
            timers.schedule(() -> {
                line("error", "component exited with error", "component_path", "/", "component_id", firstId(),
                        "err", "stand-in crash requested");
                synchronized (log) {
                    log.println("panic: runtime error: invalid memory address or nil pointer dereference");
                    log.println("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1a2b3c]");
                    log.println("goroutine 1 [running]:");
                }
                Runtime.getRuntime().halt(2);
            }, (long) (Double.parseDouble(faults.get("crash-after")) * 1000), TimeUnit.MILLISECONDS);
        }
        String flood = faults.get("flood");
        if (flood != null) {
            flood(Integer.parseInt(flood));
        }
        Thread.currentThread().join(); // until stopped
    }

    private String firstId() {
        return components.isEmpty() ? "" : components.get(0)[0] + "." + components.get(0)[1];
    }

    private void tick() {
        if (faults.containsKey("unauthorized")) {
            for (String[] component : components) {
                if (component[0].equals("prometheus.remote_write")) {
                    line("error", "non-recoverable error", "component_path", "/", "component_id",
                            component[0] + "." + component[1], "subcomponent", "rw", "remote_name", "90589e",
                            "url", "https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push",
                            "failedSampleCount", "216", "err",
                            "server returned HTTP status 401 Unauthorized: {\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
                }
            }
            unhealthy.set(true);
            samplesFailed.addAndGet(216);
        } else {
            samplesSent.addAndGet(100);
        }
    }

    /** {@code rate} lines a second in 1-ms batches until stopped. */
    private void flood(int rate) {
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            long written = 0;
            while (true) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                if (written < due) {
                    synchronized (log) {
                        for (; written < due; written++) {
                            log.println("ts=" + Instant.now() + " level=" + (written % 50 == 0 ? "warn" : "info")
                                    + " msg=\"Scraped target\" component_path=/ component_id=prometheus.scrape.flood"
                                    + " target=localhost:8787 samples=" + (written % 997) + " n=" + written);
                        }
                    }
                } else {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "flood");
        writer.setDaemon(true);
        writer.start();
    }

    private void reload(HttpExchange exchange) throws IOException {
        line("info", "reload requested via /-/reload endpoint", "service", "http");
        String error = syntaxError(config);
        Map<String, String> next = readFaults(config);
        if (error == null && next.containsKey("fail-reload")) {
            error = config + ":1:1: stand-in told to fail this reload";
        }
        if (error != null) {
            loadFailures++;
            String err = "reading config path \"" + config + "\": " + error;
            line("error", "failed to reload config", "service", "http", "err", err);
            answer(exchange, 400, err + "\n");
            return;
        }
        load();
        syncOtlpReceivers();
        line("info", "config reloaded", "service", "http");
        answer(exchange, 200, "config reloaded\n");
    }

    private void load() throws IOException {
        String text = Files.readString(config);
        List<String[]> found = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            found.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        components = List.copyOf(found);
        faults = readFaults(config);
        otlpEndpoints = otlpHttpEndpoints(text);
        unhealthy.set(false);
    }

    /** endpoint -> component id of every {@code otelcol.receiver.otlp} block with an {@code http} block. */
    static Map<String, String> otlpHttpEndpoints(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).equals("otelcol.receiver.otlp")) {
                continue;
            }
            String body = blockBody(text, matcher.end());
            Matcher http = Pattern.compile("(?m)^\\s*http\\s*\\{").matcher(body);
            if (!http.find()) {
                continue;
            }
            Matcher endpoint = Pattern.compile("endpoint\\s*=\\s*\"([^\"]*)\"").matcher(blockBody(body, http.end()));
            out.put(endpoint.find() ? endpoint.group(1) : "0.0.0.0:4318", matcher.group(1) + "." + matcher.group(2));
        }
        return out;
    }

    /** The text from {@code from} (just after an opening brace) up to its closing brace, strings and comments skipped. */
    private static String blockBody(String text, int from) {
        int depth = 1;
        boolean inString = false;
        boolean inComment = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inComment) {
                inComment = c != '\n';
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                inComment = true;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        return text.substring(from);
    }

    /** Opens the receivers the config has and closes the ones it no longer has. */
    private synchronized void syncOtlpReceivers() {
        Map<String, String> wanted = otlpEndpoints;
        for (String endpoint : List.copyOf(otlpServers.keySet())) {
            if (!wanted.containsKey(endpoint)) {
                otlpServers.remove(endpoint).stop(0);
            }
        }
        failedComponents.clear();
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            String endpoint = entry.getKey();
            if (otlpServers.containsKey(endpoint)) {
                continue;
            }
            int colon = endpoint.lastIndexOf(':');
            try {
                String host = endpoint.substring(0, colon);
                HttpServer receiver = HttpServer.create(new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host,
                        Integer.parseInt(endpoint.substring(colon + 1))), 50);
                receiver.setExecutor(Executors.newFixedThreadPool(2, daemon()));
                receiver.createContext("/v1/traces", exchange -> otlp(exchange, "traces"));
                receiver.createContext("/v1/logs", exchange -> otlp(exchange, "logs"));
                receiver.createContext("/v1/metrics", exchange -> otlp(exchange, "metrics"));
                receiver.start();
                otlpServers.put(endpoint, receiver);
                line("info", "Starting HTTP server", "component_path", "/", "component_id", entry.getValue(),
                        "endpoint", endpoint);
            } catch (IOException | RuntimeException e) {
                failedComponents.add(entry.getValue());
                line("error", "failed to start component", "component_path", "/", "component_id", entry.getValue(),
                        "err", "listen tcp " + endpoint + ": bind: address already in use");
            }
        }
    }

    /** One OTLP/HTTP export request: protobuf only (the SDK's default), items counted for real. */
    private void otlp(HttpExchange exchange, String signal) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!type.startsWith("application/x-protobuf")) {
                otlpAnswer(exchange, 415, status(3, "unsupported content type " + type + " (this stand-in takes protobuf)"));
                return;
            }
            long items;
            try {
                items = switch (signal) {
                    case "traces" -> OtlpPayloads.spans(body);
                    case "logs" -> OtlpPayloads.logRecords(body);
                    default -> OtlpPayloads.metricPoints(body);
                };
            } catch (IllegalArgumentException e) {
                otlpAnswer(exchange, 400, status(3, "proto: cannot parse invalid wire-format data: " + e.getMessage()));
                return;
            }
            AtomicLong[] counts = otlpCounts.computeIfAbsent(signal, key -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
            if (faults.containsKey("refuse-otlp")) {
                counts[1].addAndGet(items);
                otlpAnswer(exchange, 503, status(14, "data refused due to high memory usage"));
                return;
            }
            counts[0].addAndGet(items);
            otlpAnswer(exchange, 200, new byte[0]);
        }
    }

    private static void otlpAnswer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A {@code google.rpc.Status} with {@code code = 1} and {@code message = 2}, as OTLP/HTTP error answers carry. */
    private static byte[] status(int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x08);
        out.write(code);
        out.write(0x12);
        for (int length = text.length; ; length >>>= 7) {
            if (length < 0x80) {
                out.write(length);
                break;
            }
            out.write((length & 0x7f) | 0x80);
        }
        out.write(text, 0, text.length);
        return out.toByteArray();
    }

    private static Map<String, String> readFaults(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher matcher = FAULT.matcher(Files.readString(file));
        while (matcher.find()) {
            for (String fault : matcher.group(1).trim().split("\\s+")) {
                int eq = fault.indexOf('=');
                out.put(eq < 0 ? fault : fault.substring(0, eq), eq < 0 ? "" : fault.substring(eq + 1));
            }
        }
        return out;
    }

    /** Unbalanced braces are reported as Alloy does: {@code file:line:col: message}; null when none. */
    static String syntaxError(Path file) throws IOException {
        String text = Files.readString(file);
        int depth = 0;
        int line = 1;
        int column = 0;
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                inComment = false;
                continue;
            }
            if (inComment) {
                continue;
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                    column++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                inComment = true;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth < 0) {
                    return file + ":" + line + ":" + column + ": expected EOF, got }";
                }
            }
        }
        return depth > 0 ? file + ":" + line + ":" + (column + 1) + ": expected }, got EOF" : null;
    }

    private List<String> unhealthyTypes() {
        return components.stream().filter(this::isUnhealthy).map(c -> c[0]).distinct().toList();
    }

    private boolean isUnhealthy(String[] component) {
        return unhealthy.get() && component[0].equals("prometheus.remote_write")
                || failedComponents.contains(component[0] + "." + component[1]);
    }

    private String metrics() {
        return "# HELP alloy_build_info A metric with a constant '1' value labeled by version.\n"
                + "# TYPE alloy_build_info gauge\n"
                + "alloy_build_info{branch=\"HEAD\",goarch=\"amd64\",goos=\"linux\",goversion=\"go1.24.4\",revision=\"1a2b3c4d5\",tags=\"builtinassets\",version=\""
                + VERSION + "\"} 1\n"
                + "alloy_config_last_load_successful " + (loadFailures == 0 ? 1 : 0) + "\n"
                + "alloy_config_load_failures_total " + loadFailures + "\n"
                + "prometheus_remote_storage_samples_total{component_id=\"prometheus.remote_write.default\"} " + samplesSent.get() + "\n"
                + "prometheus_remote_storage_samples_failed_total{component_id=\"prometheus.remote_write.default\"} " + samplesFailed.get() + "\n"
                + otlpMetrics();
    }

    private String otlpMetrics() {
        String id = otlpEndpoints.values().stream().findFirst().orElse("otelcol.receiver.otlp.default");
        StringBuilder out = new StringBuilder();
        String[][] names = {{"traces", "spans"}, {"logs", "log_records"}, {"metrics", "metric_points"}};
        for (String[] name : names) {
            AtomicLong[] counts = otlpCounts.get(name[0]);
            if (counts == null) {
                continue;
            }
            String labels = "{component_id=\"" + id + "\",component_path=\"/\",receiver=\"otlp\",transport=\"http\"}";
            out.append("# TYPE otelcol_receiver_accepted_").append(name[1]).append(" counter\n")
                    .append("otelcol_receiver_accepted_").append(name[1]).append(labels).append(' ').append(counts[0].get()).append('\n')
                    .append("# TYPE otelcol_receiver_refused_").append(name[1]).append(" counter\n")
                    .append("otelcol_receiver_refused_").append(name[1]).append(labels).append(' ').append(counts[1].get()).append('\n');
        }
        return out.toString();
    }

    private String componentsJson() {
        StringBuilder out = new StringBuilder("[");
        String now = Instant.now().toString();
        for (int i = 0; i < components.size(); i++) {
            String[] c = components.get(i);
            boolean bad = isUnhealthy(c);
            out.append(i == 0 ? "\n" : ",\n").append("  {\"name\":\"").append(c[0]).append("\",\"type\":\"block\",\"localID\":\"")
                    .append(c[0]).append('.').append(c[1]).append("\",\"moduleID\":\"\",\"label\":\"").append(c[1])
                    .append("\",\"referencesTo\":[],\"referencedBy\":[],\"dataFlowEdgesTo\":[],\"health\":{\"state\":\"")
                    .append(bad ? "unhealthy" : "healthy").append("\",\"message\":\"")
                    .append(!bad ? "started component" : failedComponents.contains(c[0] + "." + c[1])
                            ? "listen tcp: bind: address already in use" : "server returned HTTP status 401 Unauthorized")
                    .append("\",\"updatedTime\":\"").append(now).append("\"},\"original\":\"\",\"arguments\":[],\"exports\":[],"
                            + "\"debugInfo\":[],\"liveDebuggingEnabled\":false}");
        }
        return out.append("\n]\n").toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("[") ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }
}
