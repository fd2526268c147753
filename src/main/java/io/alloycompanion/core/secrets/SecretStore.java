package io.alloycompanion.core.secrets;

import java.util.Optional;

/**
 * Where a secret lives between runs. Implementations: the OS keychain (preferred), a passphrase-encrypted file when
 * no keychain works, and memory only ("ask me each time"). Accounts are opaque names such as {@code profile/dev}.
 */
public interface SecretStore {

    /** Which kind of store this is; also what a profile records as the secret's location. */
    SecretLocation location();

    void store(String account, Secret secret) throws SecretStoreException;

    /** The secret, or empty when this store holds none under that account. */
    Optional<Secret> load(String account) throws SecretStoreException;

    /** Deletes the secret; deleting one that does not exist is not an error. */
    void delete(String account) throws SecretStoreException;
}
