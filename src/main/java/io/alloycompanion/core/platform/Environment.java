package io.alloycompanion.core.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment and the few system properties the app reads, behind one value so tests can hand in
 * any machine they like instead of the one they run on.
 */
public record Environment(OperatingSystem os, Architecture arch, Map<String, String> variables, Path userHome) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment current() {
        return new Environment(OperatingSystem.current(), Architecture.current(), System.getenv(),
                Path.of(System.getProperty("user.home", ".")));
    }

    /** A variable's value, treating an empty or blank value as absent, as shells usually do. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        if (value == null && os == OperatingSystem.WINDOWS) {
            // Windows variable names are case-insensitive.
            value = variables.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
