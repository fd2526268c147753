package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.secrets.KeychainSecretStore;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;

/**
 * The stores a command line process uses: the OS keychain; memory for "ask each time" (which lives only as long as
 * the command). The encrypted file is not offered here: it needs a passphrase prompt the desktop app gives.
 */
final class MachineSecretStores implements CredentialManager.SecretStores {

    private final SecretStore keychain = new KeychainSecretStore();
    private final SecretStore memory = new MemorySecretStore();

    static MachineSecretStores forDirectories(AppDirectories directories) {
        return new MachineSecretStores();
    }

    @Override
    public SecretStore open(SecretLocation location) throws SecretStoreException {
        return switch (location) {
            case KEYCHAIN -> keychain;
            case ASK_EACH_TIME -> memory;
            case ENCRYPTED_FILE -> throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE,
                    "This profile's token is in the app's encrypted file, which the command line does not open yet. "
                            + "Use the desktop app, or pipe the token with --token-stdin.");
        };
    }
}
