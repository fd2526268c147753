package io.alloycompanion.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.agent.AlloyMetrics;
import io.alloycompanion.core.platform.OperatingSystem;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's OTLP receiver counts what the requests really hold: several spans over two scopes, several log
 * records, and metric points over a counter with two attribute sets and a histogram, sent by the real SDK.
 */
class AlloyStandInOtlpTest {

    @TempDir
    Path temp;

    @Test
    void countsSpansLogRecordsAndMetricPointsInTheRequests() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        String config = "otelcol.receiver.otlp \"in\" {\n  grpc { }\n  http {\n    endpoint = \"127.0.0.1:" + port + "\"\n  }\n\n"
                + "  output {\n  }\n}\n";
        try (StandInProcess alloy = StandInProcess.start(temp, config)) {
            String base = "http://127.0.0.1:" + port;
            assertThat(AlloyMetrics.parse(alloy.metrics()).sum("otelcol_receiver_accepted_spans")).as("no data yet").isEmpty();

            SdkTracerProvider tracers = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").setMeterProvider(MeterProvider.noop()).build()))
                    .build();
            // Three spans ended together in one request would need a batch processor; the simple one sends each alone.
            for (int i = 0; i < 3; i++) {
                tracers.get(i % 2 == 0 ? "scope-a" : "scope-b").spanBuilder("span-" + i).startSpan().end();
            }
            assertThat(tracers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            tracers.shutdown().join(5, TimeUnit.SECONDS);

            SdkLoggerProvider loggers = SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(
                    OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").setMeterProvider(MeterProvider.noop()).build()))
                    .build();
            loggers.get("scope-a").logRecordBuilder().setBody("one").emit();
            loggers.get("scope-b").logRecordBuilder().setBody("two").emit();
            assertThat(loggers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            loggers.shutdown().join(5, TimeUnit.SECONDS);

            SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.builder(
                    OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").setMeterProvider(MeterProvider.noop()).build())
                    .setInterval(Duration.ofHours(1)).build()).build();
            var counter = meters.get("scope-a").counterBuilder("things").build();
            counter.add(1, Attributes.of(AttributeKey.stringKey("kind"), "a"));
            counter.add(5, Attributes.of(AttributeKey.stringKey("kind"), "b"));
            meters.get("scope-b").histogramBuilder("sizes").build().record(3.5);
            assertThat(meters.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            AlloyMetrics metrics = AlloyMetrics.parse(alloy.metrics());
            assertThat(metrics.sum("otelcol_receiver_accepted_spans", labels -> labels.get("transport").equals("http"))).contains(3.0);
            assertThat(metrics.sum("otelcol_receiver_accepted_log_records")).contains(2.0);
            assertThat(metrics.sum("otelcol_receiver_accepted_metric_points")).as("two counter points + one histogram point").contains(3.0);
            assertThat(metrics.sum("otelcol_receiver_refused_spans")).contains(0.0);
            assertThat(metrics.find("otelcol_receiver_accepted_spans", labels -> true)).singleElement()
                    .satisfies(sample -> assertThat(sample.labels()).containsEntry("component_id", "otelcol.receiver.otlp.in")
                            .containsEntry("receiver", "otlp"));
            meters.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theWalkerCountsNestedRepeatedFieldsAndRejectsTruncatedInput() {
        // ExportTraceServiceRequest { resource_spans { scope_spans { spans {} spans {} } scope_spans { spans {} } } }
        byte[] twoScopes = {0x0a, 0x0c, 0x12, 0x04, 0x12, 0x00, 0x12, 0x00, 0x12, 0x02, 0x12, 0x00, 0x1a, 0x00};
        assertThat(OtlpPayloads.spans(twoScopes)).isEqualTo(3);
        assertThat(OtlpPayloads.spans(new byte[0])).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtlpPayloads.spans(new byte[] {0x0a, 0x05, 0x12}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
