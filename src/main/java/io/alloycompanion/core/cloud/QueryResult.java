package io.alloycompanion.core.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one read-back query found: where it asked ({@code url}, with the query string; never a credential), how the
 * service answered, and — when it answered — how many series, streams or traces came back, the newest time among
 * them and a few of them by name.
 *
 * @param target   {@code metrics}, {@code logs} or {@code traces}
 * @param query    the query in readable form (PromQL, LogQL, or Tempo's search window)
 * @param problem  {@link Problem#NONE} when the service answered the query (even with nothing found)
 * @param detail   on a problem: a short, redacted excerpt of the answer or the network error
 * @param found    series (metrics), streams (logs) or traces found
 * @param newest   the newest sample, log line or trace start among them
 * @param examples up to five of them, named (e.g. {@code up{job="…"}}, a service name)
 */
public record QueryResult(String target, String url, String query, String username, Problem problem,
                          Optional<Integer> status, Duration elapsed, String detail, int found, Optional<Instant> newest,
                          List<String> examples) {

    public QueryResult {
        examples = List.copyOf(examples);
    }

    /** The service answered the query (whether or not it found anything). */
    public boolean answered() {
        return problem == Problem.NONE;
    }
}
