package io.alloycompanion.core.telemetry;

import java.util.Optional;

/**
 * One reading of an OTLP receiver's counters for one signal; empty when {@code /metrics} had no such series (no data
 * yet, an older Alloy, or no receiver).
 */
public record ReceiverCounters(Optional<Double> accepted, Optional<Double> refused) {

    public static final ReceiverCounters NONE = new ReceiverCounters(Optional.empty(), Optional.empty());

    public boolean present() {
        return accepted.isPresent() || refused.isPresent();
    }

    /**
     * How much the accepted counter grew since {@code before}. A series that appears only now counts from 0 (Alloy
     * creates a receiver's series with its first data), so the delta is empty only when it is still missing.
     */
    public Optional<Double> acceptedSince(ReceiverCounters before) {
        return accepted.map(now -> now - before.accepted.orElse(0.0));
    }

    public Optional<Double> refusedSince(ReceiverCounters before) {
        return refused.map(now -> now - before.refused.orElse(0.0));
    }
}
