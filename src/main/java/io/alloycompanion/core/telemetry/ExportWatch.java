package io.alloycompanion.core.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the result of every export of one signal, so the outcome (and the exporter's own error) can be reported
 * instead of only logged by the SDK's processors.
 */
final class ExportWatch {

    private final TelemetrySignal signal;
    private final URI endpoint;
    private final Duration timeout;
    private final List<CompletableResultCode> results = new CopyOnWriteArrayList<>();
    private final AtomicInteger items = new AtomicInteger();

    ExportWatch(TelemetrySignal signal, URI endpoint, Duration timeout) {
        this.signal = signal;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    CompletableResultCode track(CompletableResultCode result, int count) {
        results.add(result);
        items.addAndGet(count);
        return result;
    }

    /** Waits until every export finished or {@code deadlineNanos} (System.nanoTime) passed; returns early on interrupt. */
    void await(long deadlineNanos) {
        for (CompletableResultCode result : results) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return;
            }
            result.join(left, TimeUnit.NANOSECONDS);
        }
    }

    Delivery outcome() {
        if (results.isEmpty()) {
            return new Delivery.Failed("the SDK exported no " + signal.item() + " (the log file may say why)",
                    Optional.empty());
        }
        for (CompletableResultCode result : results) {
            if (!result.isDone()) {
                return new Delivery.Failed("no answer from " + endpoint + " within " + timeout.toSeconds() + " s",
                        Optional.empty());
            }
            if (!result.isSuccess()) {
                return ExportFailures.explain(result.getFailureThrowable(), endpoint, timeout);
            }
        }
        return new Delivery.Sent(items.get());
    }
}
