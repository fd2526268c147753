package io.alloycompanion.core.agent;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One component as {@code /api/v0/web/components} reports it (FACTS.md §4), reduced to what the app shows.
 *
 * @param id      {@code localID}, e.g. {@code prometheus.scrape.default}
 * @param name    the component's type, e.g. {@code prometheus.scrape}
 * @param module  {@code moduleID}; empty for the root module
 */
public record ComponentHealth(String id, String name, String module, State state, String message, Optional<Instant> updated) {

    public enum State {
        HEALTHY, UNHEALTHY, UNKNOWN, EXITED;

        public static State parse(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
