package io.alloycompanion.core.telemetry;

import java.util.Optional;

/**
 * What happened to one signal: how the export went, whether Alloy counted it as accepted, and the evidence (its
 * receiver counters before and after).
 *
 * @param explanation one sentence for people that says what the evidence means and, when it failed, what to do
 */
public record SignalResult(TelemetrySignal signal, Delivery delivery, Acceptance accepted, ReceiverCounters before,
                           ReceiverCounters after, String explanation) {

    public Optional<Double> acceptedDelta() {
        return after.acceptedSince(before);
    }

    public Optional<Double> refusedDelta() {
        return after.refusedSince(before);
    }

    /** Sent and counted as accepted by Alloy. */
    public boolean ok() {
        return delivery.sent() && accepted == Acceptance.YES;
    }
}
