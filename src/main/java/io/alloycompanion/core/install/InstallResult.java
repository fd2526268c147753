package io.alloycompanion.core.install;

import java.nio.file.Path;

/** What an install did: the version, the binary's path, the verified SHA-256 of the downloaded zip, and the mode. */
public record InstallResult(int schemaVersion, String version, Path path, String sha256, String mode) {

    public static final String PER_USER = "per-user";
}
