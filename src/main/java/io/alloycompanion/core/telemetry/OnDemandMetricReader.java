package io.alloycompanion.core.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;

/**
 * A metric reader that exports only when asked, once: no timer thread of its own (the SDK's periodic reader would
 * start one) and no second export at shutdown, so the receiver gets exactly the points collected here.
 */
final class OnDemandMetricReader implements MetricReader {

    private final MetricExporter exporter;
    private final ExportWatch watch;
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    OnDemandMetricReader(MetricExporter exporter, ExportWatch watch) {
        this.exporter = exporter;
        this.watch = watch;
    }

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    /** Collects every instrument now and exports the points in one request. */
    CompletableResultCode exportNow() {
        Collection<MetricData> metrics = registration.collectAllMetrics();
        int points = metrics.stream().mapToInt(metric -> metric.getData().getPoints().size()).sum();
        if (metrics.isEmpty()) {
            return CompletableResultCode.ofSuccess();
        }
        return watch.track(exporter.export(metrics), points);
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.shutdown();
    }
}
