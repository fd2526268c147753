package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.function.Function;

/**
 * The stores of the desktop app: the OS keychain, memory ("ask each time", for as long as the app runs), and the
 * encrypted file, opened once the user has typed its passphrase and kept open until the app closes.
 */
public final class DesktopSecretStores implements CredentialManager.SecretStores {

    private final SecretStore keychain;
    private final SecretStore memory;
    private final Function<Secret, SecretStore> encryptedFile;
    private SecretStore opened;

    /** @param encryptedFile opens the encrypted file with a passphrase (it takes ownership of the secret) */
    public DesktopSecretStores(SecretStore keychain, SecretStore memory, Function<Secret, SecretStore> encryptedFile) {
        this.keychain = keychain;
        this.memory = memory;
        this.encryptedFile = encryptedFile;
    }

    /** Opens the encrypted file with this passphrase from now on. */
    public synchronized void usePassphrase(Secret passphrase) {
        opened = encryptedFile.apply(passphrase);
    }

    @Override
    public synchronized SecretStore open(SecretLocation location) throws SecretStoreException {
        return switch (location) {
            case KEYCHAIN -> keychain;
            case ASK_EACH_TIME -> memory;
            case ENCRYPTED_FILE -> {
                if (opened == null) {
                    throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE,
                            "the encrypted file needs its passphrase");
                }
                yield opened;
            }
        };
    }
}
