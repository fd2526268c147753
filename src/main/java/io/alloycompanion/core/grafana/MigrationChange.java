package io.alloycompanion.core.grafana;

import java.util.Optional;

/**
 * One value the migration changed.
 *
 * @param file     the file, relative to the folder that was migrated, with {@code /} between folders
 * @param pointer  where in the file, as a JSON pointer ({@code /panels/3/targets/0/datasource}); for YAML files the
 *                 pointer into the same tree ({@code /datasources/1})
 * @param oldValue the value before, as one line of JSON; empty when the value was added
 * @param newValue the value after, as one line of JSON; empty when the value was removed
 */
public record MigrationChange(String file, String pointer, Optional<String> oldValue, Optional<String> newValue) {
}
