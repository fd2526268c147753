package io.alloycompanion.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the real programs started by {@code scripts/test-services.sh}. When one is missing the test is
 * skipped with a message naming the script, except under {@code CI=true}, where a missing service is a failure:
 * CI must prove these tests really ran.
 */
public final class TestServices {

    public static final String SCRIPT = "scripts/test-services.sh";

    private TestServices() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The variable's value, or skip/fail the test when the service that sets it is not running. */
    public static String require(String variable, String service) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            unavailable(service + " is not running (" + variable + " is not set)");
        }
        return value;
    }

    public static void requireThat(boolean available, String what) {
        if (!available) {
            unavailable(what);
        }
    }

    public static Optional<String> optional(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank());
    }

    private static void unavailable(String what) {
        String message = what + ". Start the test services with `" + SCRIPT + " start` and "
                + "`eval \"$(" + SCRIPT + " env)\"` before `mvn verify`.";
        if (onCi()) {
            fail("CI=true: " + message);
        }
        Assumptions.abort(message);
    }
}
