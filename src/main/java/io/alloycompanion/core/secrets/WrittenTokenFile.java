package io.alloycompanion.core.secrets;

import java.nio.file.Path;

/** A token file beside the config, and what was done so git ignores it (for the user to see). */
public record WrittenTokenFile(Path file, GitIgnoreResult gitIgnore) {
}
