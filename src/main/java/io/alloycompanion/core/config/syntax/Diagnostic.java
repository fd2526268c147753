package io.alloycompanion.core.config.syntax;

import java.util.Optional;

/**
 * A problem found in a configuration: where it starts (and optionally ends), how bad it is, what it is, and for
 * lint findings a suggested fix. {@link #toString()} gives Alloy's one-line form {@code file:line:col: message}.
 */
public record Diagnostic(Severity severity, Position start, Optional<Position> end, String message,
                         Optional<String> suggestion) {

    public enum Severity { WARNING, ERROR }

    public static Diagnostic error(Position start, String message) {
        return new Diagnostic(Severity.ERROR, start, Optional.empty(), message, Optional.empty());
    }

    public static Diagnostic error(Position start, Position end, String message) {
        return new Diagnostic(Severity.ERROR, start, Optional.of(end), message, Optional.empty());
    }

    @Override
    public String toString() {
        return start + ": " + message;
    }
}
