package io.alloycompanion.core.cloud;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one connection test: which target ({@code metrics}, {@code logs}, {@code traces}, {@code otlp},
 * {@code fleet} or {@code discovery}), whether it passed, and if not the {@link Problem} with what was used (URL,
 * username) and what was seen (status, a redacted excerpt of the answer), so the message can name the next step.
 *
 * @param note a fact worth showing even on success (for example "Loki answered 422: authenticated, no streams")
 */
public record ProbeResult(String target, Outcome outcome, Problem problem, String url, String username,
                          Optional<Integer> status, Duration elapsed, String detail, Optional<String> suggestedUrl,
                          Optional<Duration> retryAfter, String message, Optional<String> note) {

    public enum Outcome { OK, FAILED, SKIPPED }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
