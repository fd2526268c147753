package io.alloycompanion.core.checks;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What one check found.
 *
 * @param summary  one sentence: what was seen, and for a failure what to do
 * @param evidence what was measured, as name → value (a version, a URL and its status, counters), in a stable order
 * @param fix      what fixes it, when something does
 */
public record CheckResult(String id, Text title, CheckStatus status, Text summary, Map<String, String> evidence,
                          Optional<Fix> fix, Duration took) {

    public CheckResult {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
