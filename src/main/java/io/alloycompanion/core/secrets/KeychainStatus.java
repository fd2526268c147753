package io.alloycompanion.core.secrets;

import java.util.Optional;

/** Whether the OS keychain can store, read and delete a value, which backend answered, and if not, why. */
public record KeychainStatus(boolean usable, Optional<String> backend, Optional<String> problem) {
}
