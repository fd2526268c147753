package io.alloycompanion.core.telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one test send.
 *
 * @param otlpEndpoint the OTLP/HTTP base URL the data went to
 * @param alloyApi     Alloy's HTTP API whose {@code /metrics} gave the counters
 * @param runId        the unique id on the data's resource ({@code alloy_companion.run_id}), to find this run's items
 * @param alloyProblem why Alloy's counters could not be read, when they could not
 */
public record TelemetryReport(URI otlpEndpoint, URI alloyApi, String serviceName, String runId,
                              List<SignalResult> signals, Optional<String> alloyProblem, Duration took) {

    public TelemetryReport {
        signals = List.copyOf(signals);
    }

    /** Every signal sent and counted as accepted by Alloy. */
    public boolean allAccepted() {
        return !signals.isEmpty() && signals.stream().allMatch(SignalResult::ok);
    }
}
