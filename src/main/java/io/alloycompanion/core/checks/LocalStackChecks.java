package io.alloycompanion.core.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.stack.StackFiles;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local-stack checklist: the migration guide's items for Alloy, Tempo, Loki, Prometheus and Grafana running in
 * Docker, each proven through the service's own HTTP API on the port it is published on (127.0.0.1 only). Build the
 * list with {@link #all()} and run it with a {@link CheckRunner}.
 */
public final class LocalStackChecks {

    /** The item that proves the stack's Alloy is ready. */
    public static final String ALLOY_READY = "stack-alloy-ready";


    /** Each request: the services are on this computer, so an answer takes milliseconds or never comes. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);
    static final Duration LOGS_WINDOW = Duration.ofMinutes(15);
    static final int LOG_LINES = 50;
    static final String RED_QUERY = "count(traces_spanmetrics_calls_total)";
    static final String ALL_STREAMS = "{service_name=~\".+\"}";
    static final String LINES_WITH_TRACE_ID = ALL_STREAMS + " |~ \"(?i)trace_?id\"";
    /** Structured metadata (how OTLP logs keep their trace id) is filtered like a label. */
    static final String METADATA_WITH_TRACE_ID = ALL_STREAMS + " | trace_id!=\"\" or traceid!=\"\"";

    /** {@code trace_id=4bf9…}, {@code "traceId":"4bf9…"}, {@code traceid: 4bf9…}: 16 or 32 hex digits. */
    private static final Pattern TRACE_ID_IN_LINE =
            Pattern.compile("(?i)trace_?id[\"']?\\s*[=:]\\s*[\"']?([0-9a-f]{32}|[0-9a-f]{16})(?![0-9a-z])");
    private static final Pattern TRACE_ID = Pattern.compile("(?i)[0-9a-f]{32}|[0-9a-f]{16}");
    private static final Set<String> TRACE_ID_LABELS = Set.of("trace_id", "traceid");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackSettings settings;
    private final HttpClient loopback;
    private final Clock clock;

    /** @param loopback a client without proxy for 127.0.0.1 (e.g. {@code AlloyApi.loopbackClient()}) */
    public LocalStackChecks(StackSettings settings, HttpClient loopback) {
        this(settings, loopback, Clock.systemUTC());
    }

    LocalStackChecks(StackSettings settings, HttpClient loopback, Clock clock) {
        this.settings = settings;
        this.loopback = loopback;
        this.clock = clock;
    }

    public List<Check> all() {
        Duration quick = Duration.ofSeconds(10);
        Duration several = Duration.ofSeconds(20);
        List<Check> checks = new ArrayList<>();
        checks.add(check(ALLOY_READY, "check.stack.alloy", List.of(), quick, () -> ready(StackService.ALLOY)));
        checks.add(check("stack-tempo-ready", "check.stack.tempo", List.of(), quick, () -> ready(StackService.TEMPO)));
        checks.add(check("stack-loki-ready", "check.stack.loki", List.of(), quick, () -> ready(StackService.LOKI)));
        checks.add(check("stack-prometheus-ready", "check.stack.prometheus", List.of(), quick, () -> ready(StackService.PROMETHEUS)));
        checks.add(check("stack-grafana-health", "check.stack.grafana", List.of(), quick, this::grafanaHealth));
        checks.add(check("stack-datasources", "check.stack.datasources", List.of("stack-grafana-health"), several, this::datasources));
        checks.add(check("stack-correlation", "check.stack.correlation", List.of("stack-grafana-health"), several, this::correlation));
        checks.add(check("stack-dashboard", "check.stack.dashboard", List.of("stack-grafana-health"), quick, this::dashboard));
        checks.add(check("stack-red-metrics", "check.stack.redMetrics", List.of("stack-prometheus-ready"), quick, this::redMetrics));
        checks.add(check("stack-exporters-scraped", "check.stack.exporters", List.of("stack-prometheus-ready"), several, this::exporters));
        checks.add(check("stack-host-targets", "check.stack.hostTargets", List.of("stack-prometheus-ready"), several, this::hostTargets));
        checks.add(check("stack-logs-trace-id", "check.stack.logsTraceId", List.of("stack-loki-ready"), several, this::logsTraceId));
        return checks;
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    private Check.Outcome ready(StackService service) throws InterruptedException, NoAnswer {
        Answer answer = get(service, service.healthPath());
        Map<String, String> evidence = Check.evidence("url", answer.url().toString(), "status", String.valueOf(answer.status()),
                "took", answer.millis() + " ms");
        String said = firstLine(answer.body());
        if (!said.isEmpty()) {
            evidence.put("answer", said);
        }
        if (answer.status() != 200) {
            return Check.Outcome.fail(Text.of("check.stack.notReady", name(service), answer.url(), answer.status(),
                    detail(answer.body())), evidence, null);
        }
        return Check.Outcome.pass(Text.of("check.stack.ready", name(service), answer.url(), answer.millis()), evidence);
    }

    private Check.Outcome grafanaHealth() throws InterruptedException, NoAnswer, BadAnswer {
        Answer answer = get(StackService.GRAFANA, StackService.GRAFANA.healthPath());
        Map<String, String> evidence = Check.evidence("url", answer.url().toString(), "status", String.valueOf(answer.status()),
                "took", answer.millis() + " ms");
        JsonNode health = null;
        try {
            health = JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            // Judged by the status below: not Grafana's answer.
        }
        String version = health == null ? "" : health.path("version").asText("");
        String database = health == null ? "" : health.path("database").asText("");
        if (!version.isEmpty()) {
            evidence.put("version", version);
        }
        if (!database.isEmpty()) {
            evidence.put("database", database);
            if (!database.equals("ok")) {
                // Grafana answers 503 with "database": "failing" when it cannot reach its database.
                return Check.Outcome.fail(Text.of("check.stack.grafana.database", answer.url(), database), evidence, null);
            }
        }
        if (answer.status() != 200) {
            return Check.Outcome.fail(Text.of("check.stack.notReady", name(StackService.GRAFANA), answer.url(), answer.status(),
                    detail(answer.body())), evidence, null);
        }
        if (version.isEmpty() || database.isEmpty()) {
            throw new BadAnswer(StackService.GRAFANA, answer.url(), firstLine(answer.body()));
        }
        return Check.Outcome.pass(Text.of("check.stack.grafana.ok", version, answer.url(), answer.millis()), evidence);
    }

    private Check.Outcome datasources() throws InterruptedException, NoAnswer, BadAnswer {
        Sources sources = sources();
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String type : List.of("tempo", "loki", "prometheus")) {
            Optional<Source> chosen = sources.main(type);
            evidence.put(type, chosen.map(Source::describe).orElse("none"));
            if (chosen.isEmpty()) {
                missing.add(typeName(type));
            }
        }
        List<Source> jaeger = sources.ofType("jaeger");
        if (!jaeger.isEmpty()) {
            evidence.put("jaeger", jaeger.stream().map(Source::describe).collect(Collectors.joining("; ")));
            if (!missing.isEmpty()) {
                evidence.put("missing", String.join(", ", missing));
            }
            return Check.Outcome.fail(Text.of("check.stack.datasources.jaeger",
                    jaeger.stream().map(Source::name).collect(Collectors.joining(", "))), evidence, Fix.REMOVE_JAEGER);
        }
        if (!missing.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.stack.datasources.missing", String.join(", ", missing)), evidence, null);
        }
        return Check.Outcome.pass(Text.of("check.stack.datasources.ok", sources.main("tempo").get().uid(),
                sources.main("loki").get().uid(), sources.main("prometheus").get().uid()), evidence);
    }

    private Check.Outcome correlation() throws InterruptedException, NoAnswer, BadAnswer {
        Sources sources = sources();
        List<Source> tempo = sources.ofType("tempo");
        List<Source> loki = sources.ofType("loki");
        if (tempo.isEmpty() || loki.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.stack.correlation.noSources"));
        }
        Set<String> tempoUids = uids(tempo);
        Set<String> lokiUids = uids(loki);
        Set<String> present = uids(sources.all());

        // Logs → traces: a Loki derived field (the trace id found in a line) that opens a Tempo data source.
        List<String> logsToTraces = new ArrayList<>();
        List<String> dangling = new ArrayList<>();
        for (Source source : loki) {
            for (JsonNode field : jsonData(source).path("derivedFields")) {
                String target = field.path("datasourceUid").asText("");
                if (target.isEmpty()) {
                    continue;
                }
                String link = source.uid() + " → " + target + " (" + field.path("name").asText("?") + ")";
                if (tempoUids.contains(target)) {
                    logsToTraces.add(link);
                } else {
                    dangling.add(link + (present.contains(target) ? " (not Tempo)" : " (no such data source)"));
                }
            }
        }
        // Traces → logs: Tempo's "Trace to logs" (tracesToLogsV2, or tracesToLogs before Grafana 10) pointing at Loki.
        List<String> tracesToLogs = new ArrayList<>();
        List<String> tracesToMetrics = new ArrayList<>();
        for (Source source : tempo) {
            JsonNode data = jsonData(source);
            for (String setting : List.of("tracesToLogsV2", "tracesToLogs")) {
                String target = data.path(setting).path("datasourceUid").asText("");
                if (target.isEmpty()) {
                    continue;
                }
                String link = source.uid() + " → " + target + " (" + setting + ")";
                if (lokiUids.contains(target)) {
                    tracesToLogs.add(link);
                } else {
                    dangling.add(link + (present.contains(target) ? " (not Loki)" : " (no such data source)"));
                }
            }
            String metrics = data.path("tracesToMetrics").path("datasourceUid").asText("");
            if (!metrics.isEmpty()) {
                tracesToMetrics.add(source.uid() + " → " + metrics + (present.contains(metrics) ? "" : " (missing)"));
            }
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("logs → traces", logsToTraces.isEmpty() ? "none" : String.join("; ", logsToTraces));
        evidence.put("traces → logs", tracesToLogs.isEmpty() ? "none" : String.join("; ", tracesToLogs));
        // Shown, not judged: the other links the stack provisions.
        evidence.put("traces → metrics", tracesToMetrics.isEmpty() ? "none" : String.join("; ", tracesToMetrics));
        evidence.put("metrics → traces", exemplarLinks(sources.ofType("prometheus"), tempoUids));
        if (!dangling.isEmpty()) {
            evidence.put("links elsewhere", String.join("; ", dangling));
        }
        String tempoUid = sources.main("tempo").get().uid();
        String lokiUid = sources.main("loki").get().uid();
        if (!logsToTraces.isEmpty() && !tracesToLogs.isEmpty()) {
            return Check.Outcome.pass(Text.of("check.stack.correlation.both", tempoUid, lokiUid), evidence);
        }
        if (!logsToTraces.isEmpty()) {
            return Check.Outcome.warn(Text.of("check.stack.correlation.logsOnly", tempoUid, lokiUid), evidence, null);
        }
        if (!tracesToLogs.isEmpty()) {
            return Check.Outcome.warn(Text.of("check.stack.correlation.tracesOnly", tempoUid, lokiUid), evidence, null);
        }
        return Check.Outcome.fail(Text.of("check.stack.correlation.none", tempoUid, lokiUid), evidence, null);
    }

    private String exemplarLinks(List<Source> prometheus, Set<String> tempoUids) throws InterruptedException, NoAnswer, BadAnswer {
        List<String> links = new ArrayList<>();
        for (Source source : prometheus) {
            for (JsonNode destination : jsonData(source).path("exemplarTraceIdDestinations")) {
                String target = destination.path("datasourceUid").asText("");
                if (!target.isEmpty()) {
                    links.add(source.uid() + " → " + target + (tempoUids.contains(target) ? "" : " (not Tempo)"));
                }
            }
        }
        return links.isEmpty() ? "none" : String.join("; ", links);
    }

    /** The starter dashboard the stack provisions (from {@code grafana/dashboards/starter.json}) is in Grafana. */
    private Check.Outcome dashboard() throws InterruptedException, NoAnswer, BadAnswer {
        Answer answer = get(StackService.GRAFANA, "/api/dashboards/uid/" + StackFiles.STARTER_DASHBOARD_UID);
        Map<String, String> evidence = Check.evidence("url", answer.url().toString(), "status", String.valueOf(answer.status()),
                "took", answer.millis() + " ms");
        if (answer.status() == 404) {
            return Check.Outcome.warn(Text.of("check.stack.dashboard.missing", StackFiles.STARTER_DASHBOARD_UID,
                    grafanaBase()), evidence, null);
        }
        if (answer.status() != 200) {
            return Check.Outcome.fail(Text.of("check.stack.notReady", name(StackService.GRAFANA), answer.url(), answer.status(),
                    detail(answer.body())), evidence, null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new BadAnswer(StackService.GRAFANA, answer.url(), firstLine(answer.body()));
        }
        String title = body.path("dashboard").path("title").asText("");
        String folder = body.path("meta").path("folderTitle").asText("");
        evidence.put("title", title);
        if (!folder.isEmpty()) {
            evidence.put("folder", folder);
        }
        String link = body.path("meta").path("url").asText("");
        if (!link.isEmpty()) {
            evidence.put("open", grafanaBase() + link);
        }
        return Check.Outcome.pass(Text.of("check.stack.dashboard.found", title, folder.isEmpty() ? "General" : folder), evidence);
    }

    private String grafanaBase() {
        return "http://127.0.0.1:" + settings.hostPort(StackService.GRAFANA);
    }

    private Check.Outcome redMetrics() throws InterruptedException, NoAnswer, BadAnswer {
        QueryResult result = query(RED_QUERY);
        long series = result.samples().isEmpty() ? 0 : Math.round(result.samples().get(0).value());
        Map<String, String> evidence = Check.evidence("query", RED_QUERY, "url", result.answer().url().toString(),
                "took", result.answer().millis() + " ms", "series", String.valueOf(series));
        if (series == 0) {
            // count() over nothing is an empty vector, not 0: no span has been turned into metrics yet.
            return Check.Outcome.warn(Text.of("check.stack.redMetrics.none"), evidence, Fix.SEND_TELEMETRY);
        }
        return Check.Outcome.pass(Text.of("check.stack.redMetrics.found", series), evidence);
    }

    private Check.Outcome exporters() throws InterruptedException, NoAnswer, BadAnswer {
        Map<String, String> targets = new LinkedHashMap<>();
        if (settings.mysqlExporter()) {
            targets.put("mysql", "mysqld-exporter:9104");
        }
        if (settings.redisExporter()) {
            targets.put("redis", "redis-exporter:9121");
        }
        if (targets.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.stack.exporters.off"));
        }
        return scraped(targets, new ScrapeTexts("check.stack.exporters.up", "check.stack.exporters.down",
                "check.stack.exporters.notScraped"));
    }

    /** The sentences of a scrape check: all up, one down, one not scraped at all. */
    private record ScrapeTexts(String up, String down, String notScraped) {
    }

    /** The programs of this computer the stack's Alloy scrapes (the stack's sources), by their {@code up} series. */
    private Check.Outcome hostTargets() throws InterruptedException, NoAnswer, BadAnswer {
        Map<String, String> targets = new LinkedHashMap<>();
        settings.hostSources().scrapes().forEach(scrape -> targets.put(scrape.job(), scrape.containerAddress()));
        if (targets.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.stack.hostTargets.off"));
        }
        return scraped(targets, new ScrapeTexts("check.stack.hostTargets.up", "check.stack.hostTargets.down",
                "check.stack.hostTargets.notScraped"));
    }

    /** Every job's {@code up} series is there and 1. */
    private Check.Outcome scraped(Map<String, String> targets, ScrapeTexts keys) throws InterruptedException, NoAnswer, BadAnswer {
        Map<String, String> evidence = new LinkedHashMap<>();
        Optional<Text> problem = Optional.empty();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String query = "up{job=\"" + target.getKey() + "\"}";
            List<Sample> samples = query(query).samples();
            evidence.put(query, samples.isEmpty() ? "no series"
                    : samples.stream().map(sample -> sample.labels().getOrDefault("instance", "?") + " = " + format(sample.value()))
                    .collect(Collectors.joining(", ")));
            if (problem.isPresent()) {
                continue;
            }
            if (samples.isEmpty()) {
                problem = Optional.of(Text.of(keys.notScraped(), target.getKey(), target.getValue()));
            } else if (samples.stream().anyMatch(sample -> sample.value() != 1)) {
                problem = Optional.of(Text.of(keys.down(), target.getKey(), target.getValue()));
            }
        }
        if (problem.isPresent()) {
            return Check.Outcome.fail(problem.get(), evidence, null);
        }
        return Check.Outcome.pass(Text.of(keys.up(), String.join(", ", targets.keySet())), evidence);
    }

    private Check.Outcome logsTraceId() throws InterruptedException, NoAnswer, BadAnswer {
        Instant end = clock.instant();
        Instant start = end.minus(LOGS_WINDOW);
        Map<String, String> evidence = Check.evidence("window", LOGS_WINDOW.toMinutes() + " min");
        for (String query : List.of(LINES_WITH_TRACE_ID, METADATA_WITH_TRACE_ID)) {
            List<LogLine> lines = logs(query, start, end);
            List<LogLine> carrying = lines.stream().filter(line -> line.traceId().isPresent()).toList();
            if (!carrying.isEmpty()) {
                LogLine first = carrying.get(0);
                evidence.put("query", query);
                evidence.put("lines with a trace id", carrying.size() + " of " + lines.size());
                evidence.put("example", first.service() + " trace_id=" + first.traceId().get());
                return Check.Outcome.pass(Text.of("check.stack.logsTraceId.found", carrying.size(), first.service(),
                        first.traceId().get()), evidence);
            }
        }
        List<LogLine> recent = logs(ALL_STREAMS, start, end);
        evidence.put("query", ALL_STREAMS);
        evidence.put("lines", String.valueOf(recent.size()));
        if (recent.isEmpty()) {
            return Check.Outcome.warn(Text.of("check.stack.logsTraceId.noLogs", LOGS_WINDOW.toMinutes()), evidence, null);
        }
        evidence.put("services", recent.stream().map(LogLine::service).distinct().collect(Collectors.joining(", ")));
        return Check.Outcome.warn(Text.of("check.stack.logsTraceId.none", recent.size()), evidence, null);
    }

    // ---- what the services answer ----------------------------------------------------------------------------------

    /** A data source as Grafana lists it; {@code jsonData} may be missing from the list (then asked for by uid). */
    record Source(String uid, String name, String type, String url, boolean isDefault, JsonNode jsonData) {

        String describe() {
            return name + " (uid " + uid + (url.isEmpty() ? "" : ", " + url) + ")";
        }
    }

    /** Every data source, found by type: a user's Grafana need not use the uids the stack provisions. */
    record Sources(List<Source> all) {

        List<Source> ofType(String type) {
            return all.stream().filter(source -> source.type().equalsIgnoreCase(type)).toList();
        }

        /** The one named in summaries: the default, else the one the stack provisions (uid = type), else the first. */
        Optional<Source> main(String type) {
            List<Source> found = ofType(type);
            return found.stream().filter(Source::isDefault).findFirst()
                    .or(() -> found.stream().filter(source -> source.uid().equals(type)).findFirst())
                    .or(() -> found.stream().findFirst());
        }
    }

    private Sources sources() throws InterruptedException, NoAnswer, BadAnswer {
        JsonNode list = json(StackService.GRAFANA, "/api/datasources");
        if (!list.isArray()) {
            throw new BadAnswer(StackService.GRAFANA, uri(StackService.GRAFANA, "/api/datasources"), "not a list: " + abbreviate(list.toString()));
        }
        List<Source> sources = new ArrayList<>();
        for (JsonNode item : list) {
            sources.add(new Source(item.path("uid").asText(""), item.path("name").asText(""), item.path("type").asText(""),
                    item.path("url").asText(""), item.path("isDefault").asBoolean(false), item.path("jsonData")));
        }
        return new Sources(sources);
    }

    private JsonNode jsonData(Source source) throws InterruptedException, NoAnswer, BadAnswer {
        if (source.jsonData().isObject() && source.jsonData().size() > 0 || source.uid().isEmpty()) {
            return source.jsonData();
        }
        return json(StackService.GRAFANA, "/api/datasources/uid/" + URLEncoder.encode(source.uid(), StandardCharsets.UTF_8)
                .replace("+", "%20")).path("jsonData");
    }

    private static Set<String> uids(List<Source> sources) {
        return sources.stream().map(Source::uid).filter(uid -> !uid.isEmpty()).collect(Collectors.toSet());
    }

    record Sample(Map<String, String> labels, double value) {
    }

    record QueryResult(Answer answer, List<Sample> samples) {
    }

    /** An instant query; Prometheus answers {@code {"status":"success","data":{"resultType":"vector","result":[…]}}}. */
    private QueryResult query(String promql) throws InterruptedException, NoAnswer, BadAnswer {
        String path = "/api/v1/query?query=" + encode(promql);
        Answer answer = get(StackService.PROMETHEUS, path);
        JsonNode body = parse(StackService.PROMETHEUS, answer);
        if (!body.path("status").asText("").equals("success")) {
            throw new BadAnswer(StackService.PROMETHEUS, answer.url(), body.path("error").asText(abbreviate(answer.body())));
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode item : body.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            item.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            String value = item.path("value").path(1).asText("NaN");
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                number = Double.NaN;
            }
            samples.add(new Sample(labels, number));
        }
        return new QueryResult(answer, samples);
    }

    /** One line Loki returned, with its stream's labels (structured metadata included). */
    record LogLine(Map<String, String> labels, String line) {

        String service() {
            return labels.getOrDefault("service_name", "?");
        }

        Optional<String> traceId() {
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (TRACE_ID_LABELS.contains(label.getKey().toLowerCase(Locale.ROOT)) && validTraceId(label.getValue().strip())) {
                    return Optional.of(label.getValue().strip());
                }
            }
            Matcher matcher = TRACE_ID_IN_LINE.matcher(line);
            while (matcher.find()) {
                if (validTraceId(matcher.group(1))) {
                    return Optional.of(matcher.group(1));
                }
            }
            return Optional.empty();
        }

        /** 16 or 32 hex digits, not all zero (the "no trace" id some loggers print). */
        private static boolean validTraceId(String value) {
            return TRACE_ID.matcher(value).matches() && !value.chars().allMatch(c -> c == '0');
        }
    }

    /**
     * The newest lines of a log query; Loki answers {@code {"status":"success","data":{"resultType":"streams",
     * "result":[{"stream":{labels},"values":[["<ns>","line"]…]}]}}}.
     */
    private List<LogLine> logs(String logql, Instant start, Instant end) throws InterruptedException, NoAnswer, BadAnswer {
        String path = "/loki/api/v1/query_range?query=" + encode(logql) + "&start=" + nanos(start) + "&end=" + nanos(end)
                + "&limit=" + LOG_LINES + "&direction=backward";
        Answer answer = get(StackService.LOKI, path);
        JsonNode body = parse(StackService.LOKI, answer);
        if (!body.path("status").asText("").equals("success")) {
            throw new BadAnswer(StackService.LOKI, answer.url(), body.path("error").asText(abbreviate(answer.body())));
        }
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode stream : body.path("data").path("result")) {
            // Structured metadata (an OTLP log's trace_id) comes folded into the stream's labels: this request does
            // not ask for categorised labels.
            Map<String, String> labels = new LinkedHashMap<>();
            stream.path("stream").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            for (JsonNode value : stream.path("values")) {
                lines.add(new LogLine(labels, value.path(1).asText("")));
            }
        }
        return lines;
    }

    private static String nanos(Instant instant) {
        return instant.getEpochSecond() + String.format(Locale.ROOT, "%09d", instant.getNano());
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    record Answer(URI url, int status, String body, Duration took) {

        long millis() {
            return took.toMillis();
        }
    }

    /** Nothing answered over HTTP: not running (refused) or stuck (no answer in time). */
    static final class NoAnswer extends Exception {

        final StackService service;
        final URI url;
        final boolean timedOut;

        NoAnswer(StackService service, URI url, boolean timedOut, IOException cause) {
            super(cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
            this.service = service;
            this.url = url;
            this.timedOut = timedOut;
        }
    }

    /** Something answered, but not what the service's API gives (an error status, not JSON, another program). */
    static final class BadAnswer extends Exception {

        final StackService service;
        final URI url;

        BadAnswer(StackService service, URI url, String what) {
            super(what);
            this.service = service;
            this.url = url;
        }
    }

    private URI uri(StackService service, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + settings.hostPort(service) + pathAndQuery);
    }

    private Answer get(StackService service, String pathAndQuery) throws InterruptedException, NoAnswer {
        URI url = uri(service, pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(HTTP_TIMEOUT).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = loopback.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(url, response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (HttpConnectTimeoutException e) {
            throw new NoAnswer(service, url, false, e);
        } catch (HttpTimeoutException e) {
            throw new NoAnswer(service, url, true, e);
        } catch (IOException e) {
            throw new NoAnswer(service, url, false, e);
        }
    }

    private JsonNode json(StackService service, String pathAndQuery) throws InterruptedException, NoAnswer, BadAnswer {
        Answer answer = get(service, pathAndQuery);
        if (answer.status() / 100 != 2) {
            throw new BadAnswer(service, answer.url(), "HTTP " + answer.status() + ": " + detail(answer.body()));
        }
        return parse(service, answer);
    }

    /** The body as JSON; Prometheus and Loki put their query errors in it with a 4xx status. */
    private static JsonNode parse(StackService service, Answer answer) throws BadAnswer {
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (answer.status() / 100 != 2 || body == null) {
            throw new BadAnswer(service, answer.url(), "HTTP " + answer.status() + ": " + detail(answer.body()));
        }
        return body;
    }

    /** What an error answer says: its JSON {@code error} or {@code message}, else its first line. */
    private static String detail(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : List.of("error", "message")) {
                if (json != null && json.path(field).isTextual()) {
                    return abbreviate(json.path(field).asText());
                }
            }
        } catch (JsonProcessingException e) {
            // Plain text (Loki's parse errors) or HTML (another program).
        }
        String line = firstLine(body);
        return line.isEmpty() ? "(empty)" : line;
    }

    private static String firstLine(String body) {
        String stripped = body == null ? "" : body.strip();
        int end = stripped.indexOf('\n');
        return abbreviate(end < 0 ? stripped : stripped.substring(0, end).strip());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String name(StackService service) {
        return typeName(service.id());
    }

    private static String typeName(String id) {
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Body {
        Check.Outcome run() throws InterruptedException, NoAnswer, BadAnswer;
    }

    /** A check whose service not answering, or answering nonsense, fails it saying which and what to do. */
    private static Check check(String id, String titleKey, List<String> dependsOn, Duration timeout, Body body) {
        return Check.of(id, titleKey, dependsOn, timeout, () -> {
            try {
                return body.run();
            } catch (NoAnswer e) {
                Map<String, String> evidence = Check.evidence("url", e.url.toString(), "error", e.getMessage());
                if (e.timedOut) {
                    return Check.Outcome.fail(Text.of("check.stack.timeout", name(e.service), e.url,
                            CheckRunner.seconds(HTTP_TIMEOUT)), evidence, null);
                }
                return Check.Outcome.fail(Text.of("check.stack.down", name(e.service), e.url), evidence, Fix.START_STACK);
            } catch (BadAnswer e) {
                return Check.Outcome.fail(Text.of("check.stack.badAnswer", name(e.service), e.url, e.getMessage()),
                        Check.evidence("url", e.url.toString(), "answer", e.getMessage()), null);
            }
        });
    }
}
