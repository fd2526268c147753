package io.alloycompanion.core.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Hands every span export's result to an {@link ExportWatch}, then behaves as the exporter it wraps. */
final class WatchedSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final ExportWatch watch;

    WatchedSpanExporter(SpanExporter delegate, ExportWatch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return watch.track(delegate.export(spans), spans.size());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
