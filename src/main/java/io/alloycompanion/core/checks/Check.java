package io.alloycompanion.core.checks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One item of the checklist: it proves one thing about the set-up (Alloy installed, config valid, metrics accepted…)
 * with evidence, or says what is wrong and what fixes it.
 */
public interface Check {

    /** A stable id, e.g. {@code alloy-installed}; the command line's {@code --only} takes these. */
    String id();

    Text title();

    /** The ids of the checks that must pass (or warn) first; otherwise this one is skipped. */
    default List<String> dependsOn() {
        return List.of();
    }

    default Duration timeout() {
        return Duration.ofSeconds(15);
    }

    /** Runs the check; may block; interrupted when it takes longer than {@link #timeout()}. */
    Outcome run() throws Exception;

    /** The work of a check made with {@link #of}. */
    @FunctionalInterface
    interface Body {
        Outcome run() throws Exception;
    }

    /** A check from its parts; {@code titleKey} is a key of the app's bundles. */
    static Check of(String id, String titleKey, List<String> dependsOn, Duration timeout, Body body) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Text title() {
                return Text.of(titleKey);
            }

            @Override
            public List<String> dependsOn() {
                return dependsOn;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public Outcome run() throws Exception {
                return body.run();
            }
        };
    }

    /** What {@link #run()} found; the runner adds the id, title and time taken. */
    record Outcome(CheckStatus status, Text summary, Map<String, String> evidence, Optional<Fix> fix) {

        public static Outcome pass(Text summary, Map<String, String> evidence) {
            return new Outcome(CheckStatus.PASS, summary, evidence, Optional.empty());
        }

        public static Outcome warn(Text summary, Map<String, String> evidence, Fix fix) {
            return new Outcome(CheckStatus.WARN, summary, evidence, Optional.ofNullable(fix));
        }

        public static Outcome fail(Text summary, Map<String, String> evidence, Fix fix) {
            return new Outcome(CheckStatus.FAIL, summary, evidence, Optional.ofNullable(fix));
        }

        public static Outcome skipped(Text why) {
            return new Outcome(CheckStatus.SKIPPED, why, Map.of(), Optional.empty());
        }
    }

    /** Evidence in the order it is put in. */
    static Map<String, String> evidence(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
