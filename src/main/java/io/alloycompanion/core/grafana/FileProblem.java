package io.alloycompanion.core.grafana;

/**
 * A file that was left as it was because it could not be read or understood.
 *
 * @param file    relative to the folder it was found in, with {@code /} between folders
 * @param message what is wrong with it, for the user
 */
public record FileProblem(String file, String message) {
}
