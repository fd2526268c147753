package io.alloycompanion.core.install;

import java.nio.file.Path;
import java.util.Optional;

/** An Alloy executable found on this machine, with its version or why the version could not be read. */
public record AlloyBinary(Path path, String source, Optional<String> version, Optional<String> problem) {
}
