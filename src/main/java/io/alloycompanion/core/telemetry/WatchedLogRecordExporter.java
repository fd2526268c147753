package io.alloycompanion.core.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;

/** Hands every log export's result to an {@link ExportWatch}, then behaves as the exporter it wraps. */
final class WatchedLogRecordExporter implements LogRecordExporter {

    private final LogRecordExporter delegate;
    private final ExportWatch watch;

    WatchedLogRecordExporter(LogRecordExporter delegate, ExportWatch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
        return watch.track(delegate.export(logs), logs.size());
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
