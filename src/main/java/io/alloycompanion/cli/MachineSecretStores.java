package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.secrets.EncryptedFileSecretStore;
import io.alloycompanion.core.secrets.KeychainSecretStore;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stores a command line process uses: the OS keychain; the passphrase-encrypted file
 * {@code <app data>/secrets.enc.json} (the same file the desktop app uses), opened on first use with the passphrase
 * from {@link PassphraseInput}; memory for "ask each time" (which lives only as long as the command).
 */
final class MachineSecretStores implements CredentialManager.SecretStores {

    private final SecretStore keychain;
    private final SecretStore memory;
    private final Path encryptedFile;
    private final PassphraseInput passphrase;
    private EncryptedFileSecretStore encrypted;

    MachineSecretStores(SecretStore keychain, SecretStore memory, Path encryptedFile, PassphraseInput passphrase) {
        this.keychain = keychain;
        this.memory = memory;
        this.encryptedFile = encryptedFile;
        this.passphrase = passphrase;
    }

    static MachineSecretStores forDirectories(AppDirectories directories) {
        return new MachineSecretStores(new KeychainSecretStore(), new MemorySecretStore(),
                directories.data().resolve(EncryptedFileSecretStore.FILE_NAME), PassphraseInput.console());
    }

    /** The same keychain and memory, with the encrypted file's passphrase read from {@code input}. */
    MachineSecretStores withPassphrase(PassphraseInput input) {
        return new MachineSecretStores(keychain, memory, encryptedFile, input);
    }

    Path encryptedFile() {
        return encryptedFile;
    }

    @Override
    public synchronized SecretStore open(SecretLocation location) throws SecretStoreException {
        return switch (location) {
            case KEYCHAIN -> keychain;
            case ASK_EACH_TIME -> memory;
            case ENCRYPTED_FILE -> encrypted();
        };
    }

    /** Asks for the passphrase once per command; a wrong one is reported by the first load or store. */
    private SecretStore encrypted() throws SecretStoreException {
        if (encrypted == null) {
            try (Secret phrase = passphrase.read(encryptedFile, !Files.exists(encryptedFile))) {
                if (phrase.isEmpty()) {
                    throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The passphrase for "
                            + encryptedFile + " is empty.");
                }
                encrypted = new EncryptedFileSecretStore(encryptedFile, phrase);
            }
        }
        return encrypted;
    }
}
