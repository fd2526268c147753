package io.alloycompanion.core.telemetry;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.AlloyMetrics;
import io.alloycompanion.core.platform.ThreadPools;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one span, one log record and one metric point, tagged {@code service.name=alloy-companion-smoke} and a unique
 * run id, with the OpenTelemetry SDK's OTLP/HTTP exporter to Alloy's {@code otelcol.receiver.otlp}; then shows from
 * Alloy's own receiver counters ({@code /metrics}) whether Alloy accepted each one.
 *
 * <p>Bounded in time (each request, the wait for the answers and the wait for the counters have limits) and
 * cancellable: interrupting the calling thread ends it early with {@link InterruptedException}. The SDK's simple
 * processors export at once; the exporters' requests run on an executor from {@link ThreadPools}.
 */
public final class TestTelemetry {

    public static final String SERVICE_NAME = "alloy-companion-smoke";
    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("alloy_companion.run_id");
    static final String SCOPE = "io.alloycompanion.telemetry";
    private static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");
    private static final Logger LOG = LoggerFactory.getLogger(TestTelemetry.class);

    /**
     * @param exportTimeout  one export request, answer included
     * @param connectTimeout opening the connection to the receiver
     * @param settle         how long Alloy's counters are polled for the items to show up
     * @param pollEvery      the pause between two polls
     */
    public record Timing(Duration exportTimeout, Duration connectTimeout, Duration settle, Duration pollEvery) {
        public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    /** One reading of Alloy's counters for every signal, or why there is none. */
    private record Reading(Map<TelemetrySignal, ReceiverCounters> counters, Optional<String> problem) {
        ReceiverCounters of(TelemetrySignal signal) {
            return counters.getOrDefault(signal, ReceiverCounters.NONE);
        }
    }

    private final URI otlp;
    private final AlloyApi alloy;
    private final Timing timing;

    /**
     * @param otlp  the OTLP/HTTP base URL, e.g. {@link OtlpEndpoints#DEFAULT}
     * @param alloy Alloy's HTTP API, whose {@code /metrics} has the receiver counters
     */
    public TestTelemetry(URI otlp, AlloyApi alloy, Timing timing) {
        this.otlp = otlp;
        this.alloy = alloy;
        this.timing = timing;
    }

    public TestTelemetry(URI otlp, AlloyApi alloy) {
        this(otlp, alloy, Timing.DEFAULTS);
    }

    public TelemetryReport send() throws InterruptedException {
        long start = System.nanoTime();
        String runId = UUID.randomUUID().toString();
        LOG.info("Sending test telemetry to {} (run {}), counters from {}", otlp, runId, alloy.base());
        Reading before = read();
        checkInterrupted();
        Map<TelemetrySignal, Delivery> deliveries = export(runId);
        Reading after = before.problem().isPresent() ? before : settle(before, deliveries);
        List<SignalResult> results = new ArrayList<>();
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            results.add(judge(signal, deliveries.get(signal), before, after));
        }
        TelemetryReport report = new TelemetryReport(otlp, alloy.base(), SERVICE_NAME, runId, results,
                after.problem(), Duration.ofNanos(System.nanoTime() - start));
        LOG.info("Test telemetry run {}: {}", runId, results);
        return report;
    }

    private Map<TelemetrySignal, Delivery> export(String runId) throws InterruptedException {
        OtelLogging.toLogFile();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME,
                RUN_ID, runId)));
        Map<TelemetrySignal, ExportWatch> watches = new EnumMap<>(TelemetrySignal.class);
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            watches.put(signal, new ExportWatch(signal, OtlpEndpoints.forSignal(otlp, signal), timing.exportTimeout()));
        }
        ExecutorService requests = ThreadPools.cached("otlp-test-send");
        SdkTracerProvider tracers = null;
        SdkLoggerProvider loggers = null;
        SdkMeterProvider meters = null;
        try {
            tracers = SdkTracerProvider.builder().setResource(resource)
                    .addSpanProcessor(SimpleSpanProcessor.create(new WatchedSpanExporter(spanExporter(requests),
                            watches.get(TelemetrySignal.TRACES))))
                    .build();
            loggers = SdkLoggerProvider.builder().setResource(resource)
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(new WatchedLogRecordExporter(
                            logExporter(requests), watches.get(TelemetrySignal.LOGS))))
                    .build();
            OnDemandMetricReader reader = new OnDemandMetricReader(metricExporter(requests),
                    watches.get(TelemetrySignal.METRICS));
            meters = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader).build();

            tracers.get(SCOPE).spanBuilder("alloy-companion smoke test").setAttribute(RUN_ID, runId).startSpan().end();
            loggers.get(SCOPE).logRecordBuilder().setSeverity(Severity.INFO).setSeverityText("INFO")
                    .setBody("alloy-companion smoke test log record (run " + runId + ")").setAttribute(RUN_ID, runId)
                    .emit();
            meters.get(SCOPE).counterBuilder("alloy_companion.smoke.runs").setUnit("{run}")
                    .setDescription("Test runs of alloy-companion telemetry send").build().add(1);
            reader.exportNow();

            long deadline = System.nanoTime() + timing.exportTimeout().plus(timing.connectTimeout())
                    .plusSeconds(1).toNanos();
            for (ExportWatch watch : watches.values()) {
                watch.await(deadline);
            }
            checkInterrupted();
            Map<TelemetrySignal, Delivery> out = new EnumMap<>(TelemetrySignal.class);
            watches.forEach((signal, watch) -> out.put(signal, watch.outcome()));
            return out;
        } finally {
            List<CompletableResultCode> stopping = new ArrayList<>();
            if (tracers != null) {
                stopping.add(tracers.shutdown());
            }
            if (loggers != null) {
                stopping.add(loggers.shutdown());
            }
            if (meters != null) {
                stopping.add(meters.shutdown());
            }
            CompletableResultCode.ofAll(stopping).join(1, TimeUnit.SECONDS);
            requests.shutdownNow();
        }
    }

    private OtlpHttpSpanExporter spanExporter(ExecutorService requests) {
        var builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(OtlpEndpoints.forSignal(otlp, TelemetrySignal.TRACES).toString())
                .setTimeout(timing.exportTimeout()).setConnectTimeout(timing.connectTimeout())
                .setRetryPolicy(null).setMeterProvider(MeterProvider.noop()).setExecutorService(requests);
        proxy().ifPresent(builder::setProxy);
        return builder.build();
    }

    private OtlpHttpLogRecordExporter logExporter(ExecutorService requests) {
        var builder = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(OtlpEndpoints.forSignal(otlp, TelemetrySignal.LOGS).toString())
                .setTimeout(timing.exportTimeout()).setConnectTimeout(timing.connectTimeout())
                .setRetryPolicy(null).setMeterProvider(MeterProvider.noop()).setExecutorService(requests);
        proxy().ifPresent(builder::setProxyOptions);
        return builder.build();
    }

    private OtlpHttpMetricExporter metricExporter(ExecutorService requests) {
        var builder = OtlpHttpMetricExporter.builder()
                .setEndpoint(OtlpEndpoints.forSignal(otlp, TelemetrySignal.METRICS).toString())
                .setTimeout(timing.exportTimeout()).setConnectTimeout(timing.connectTimeout())
                .setRetryPolicy(null).setMeterProvider(MeterProvider.noop()).setExecutorService(requests);
        proxy().ifPresent(builder::setProxyOptions);
        return builder.build();
    }

    /** Never a proxy for the local agent (a system proxy setting must not catch 127.0.0.1). */
    private Optional<ProxyOptions> proxy() {
        if (!OtlpEndpoints.isLoopback(otlp)) {
            return Optional.empty();
        }
        return Optional.of(ProxyOptions.create(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException error) {
                // Nothing to fall back to.
            }
        }));
    }

    /** Polls the counters until every item that reached a receiver shows up (accepted or refused), or time is up. */
    private Reading settle(Reading before, Map<TelemetrySignal, Delivery> deliveries) throws InterruptedException {
        List<TelemetrySignal> waiting = new ArrayList<>();
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            Delivery delivery = deliveries.get(signal);
            if (delivery.sent() || delivery instanceof Delivery.Failed failed && failed.reachedReceiver()) {
                waiting.add(signal);
            }
        }
        long deadline = System.nanoTime() + timing.settle().toNanos();
        while (true) {
            Reading now = read();
            if (now.problem().isPresent()) {
                return now;
            }
            boolean settled = waiting.stream().allMatch(signal -> {
                ReceiverCounters counters = now.of(signal);
                int expected = deliveries.get(signal) instanceof Delivery.Sent sent ? Math.max(1, sent.items()) : 1;
                return counters.acceptedSince(before.of(signal)).filter(delta -> delta >= expected).isPresent()
                        || counters.refusedSince(before.of(signal)).filter(delta -> delta > 0).isPresent();
            });
            if (settled || System.nanoTime() >= deadline) {
                return now;
            }
            Thread.sleep(timing.pollEvery().toMillis());
        }
    }

    private Reading read() throws InterruptedException {
        AlloyMetrics metrics;
        try {
            metrics = AlloyMetrics.parse(alloy.metrics());
        } catch (AlloyApi.Unreachable e) {
            return new Reading(Map.of(), Optional.of(sentence(e.getMessage()) + " Alloy's receiver counters could not "
                    + "be read from " + alloy.base() + ": is Alloy running, and is that its HTTP address "
                    + "(--server.http.listen-addr)?"));
        }
        Map<TelemetrySignal, ReceiverCounters> out = new EnumMap<>(TelemetrySignal.class);
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            out.put(signal, new ReceiverCounters(metrics.sum(signal.acceptedCounter(), OVER_HTTP),
                    metrics.sum(signal.refusedCounter(), OVER_HTTP)));
        }
        return new Reading(out, Optional.empty());
    }

    /** The HTTP side of OTLP receivers (series without a transport label count too). */
    private static final Predicate<Map<String, String>> OVER_HTTP = labels -> {
        String transport = labels.get("transport");
        return transport == null || transport.equals("http");
    };

    private SignalResult judge(TelemetrySignal signal, Delivery delivery, Reading before, Reading after) {
        ReceiverCounters was = before.of(signal);
        ReceiverCounters now = after.of(signal);
        String accepted = signal.acceptedCounter();
        String refused = signal.refusedCounter();
        String sentOrNot = delivery instanceof Delivery.Failed failed ? "not sent: " + failed.reason() : "sent";
        if (after.problem().isPresent()) {
            return new SignalResult(signal, delivery, Acceptance.UNKNOWN, was, now,
                    capitalize(sentOrNot) + "; whether Alloy accepted it is unknown: its counters could not be read.");
        }
        Optional<Double> acceptedDelta = now.acceptedSince(was);
        Optional<Double> refusedDelta = now.refusedSince(was);
        int expected = delivery instanceof Delivery.Sent sent ? Math.max(1, sent.items()) : 1;
        if (acceptedDelta.filter(delta -> delta >= expected).isPresent()) {
            return new SignalResult(signal, delivery, Acceptance.YES, was, now, "Alloy accepted it: " + accepted + " "
                    + number(was.accepted().orElse(0.0)) + " → " + number(now.accepted().orElseThrow()) + ".");
        }
        if (refusedDelta.filter(delta -> delta > 0).isPresent()) {
            return new SignalResult(signal, delivery, Acceptance.NO, was, now, "Alloy refused it: " + refused + " "
                    + number(was.refused().orElse(0.0)) + " → " + number(now.refused().orElseThrow())
                    + "; the components after the receiver did not take the data (see Alloy's logs).");
        }
        if (!delivery.sent()) {
            return new SignalResult(signal, delivery, Acceptance.NO, was, now, sentence(capitalize(sentOrNot)));
        }
        if (!was.present() && !now.present()) {
            return new SignalResult(signal, delivery, Acceptance.UNKNOWN, was, now, "Sent, and " + otlp
                    + " answered OK, but Alloy at " + alloy.base() + " has no " + accepted + " on /metrics: is that port "
                    + "this Alloy's otelcol.receiver.otlp, or another program's?");
        }
        return new SignalResult(signal, delivery, Acceptance.NO, was, now, "Sent, and " + otlp + " answered OK, but "
                + accepted + " did not grow within " + timing.settle().toSeconds() + " s: another program (or another "
                + "Alloy) may be listening on " + OtlpEndpoints.hostPort(otlp) + ".");
    }

    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Ends the text with a full stop unless it already ends a sentence. */
    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("test telemetry cancelled");
        }
    }
}
