package io.alloycompanion.core.config.syntax;

import java.util.List;
import java.util.Optional;

/**
 * A problem found in a configuration: where it starts (and optionally ends), how bad it is, what it is, and for
 * lint findings a suggested fix. {@link #toString()} gives Alloy's one-line form {@code file:line:col: message}.
 *
 * <p>{@code message} and {@code suggestion} are English (syntax errors use Alloy's own words). Lint findings also
 * carry a {@code code} and the values that go into the message ({@code args}) and the fix ({@code fixArgs}), so a
 * user interface can say the same in the user's language; syntax errors have the code {@link #SYNTAX}.
 */
public record Diagnostic(Severity severity, Position start, Optional<Position> end, String message,
                         Optional<String> suggestion, String code, List<String> args, List<String> fixArgs) {

    public static final String SYNTAX = "syntax";

    public enum Severity { WARNING, ERROR }

    public Diagnostic {
        args = List.copyOf(args);
        fixArgs = List.copyOf(fixArgs);
    }

    public static Diagnostic error(Position start, String message) {
        return new Diagnostic(Severity.ERROR, start, Optional.empty(), message, Optional.empty(), SYNTAX, List.of(), List.of());
    }

    public static Diagnostic error(Position start, Position end, String message) {
        return new Diagnostic(Severity.ERROR, start, Optional.of(end), message, Optional.empty(), SYNTAX, List.of(), List.of());
    }

    @Override
    public String toString() {
        return start + ": " + message;
    }
}
