package io.alloycompanion.core.telemetry;

import java.util.Optional;

/** What the OTLP exporter reported for one signal: the receiver answered 2xx, or why not. */
public sealed interface Delivery permits Delivery.Sent, Delivery.Failed {

    boolean sent();

    /** The receiver answered 2xx to {@code items} items. */
    record Sent(int items) implements Delivery {
        @Override
        public boolean sent() {
            return true;
        }
    }

    /**
     * The export failed.
     *
     * @param reason     what went wrong and what to do, for people
     * @param httpStatus the receiver's HTTP status when it answered (it then saw the data and may have counted it as
     *                   refused); empty when nothing answered
     */
    record Failed(String reason, Optional<Integer> httpStatus) implements Delivery {
        @Override
        public boolean sent() {
            return false;
        }

        /** Whether the request reached a receiver (it answered with a status). */
        public boolean reachedReceiver() {
            return httpStatus.isPresent();
        }
    }
}
