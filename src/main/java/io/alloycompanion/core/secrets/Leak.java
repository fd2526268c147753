package io.alloycompanion.core.secrets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A token found where git can publish it.
 *
 * @param file        the file, relative to the scanned folder
 * @param line        the 1-based line in the file (for history: in the file as that commit left it)
 * @param commit      the commit that added the line; empty for a file as it is tracked now
 * @param maskedValue enough to recognise the token ({@code glc_…abcd}), never enough to use it
 */
public record Leak(Path file, int line, Optional<String> commit, String maskedValue, Kind kind) {

    public enum Kind {
        /** Something shaped like a Grafana Cloud access-policy token. */
        CLOUD_TOKEN,
        /** The token this app stores for a profile, whatever its shape. */
        STORED_TOKEN
    }
}
