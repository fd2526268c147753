package io.alloycompanion.core.secrets;

/** A store could not keep, read or delete a secret. The message never contains the secret. */
public final class SecretStoreException extends Exception {

    /** Why, so callers can offer the right next step. */
    public enum Reason {
        /** No keychain on this machine, or it is locked and could not be unlocked. */
        UNAVAILABLE,
        /** The passphrase of the encrypted file is wrong (or the file was tampered with). */
        WRONG_PASSPHRASE,
        /** The store's file cannot be read or written. */
        FILESYSTEM,
        /** The store's file is not in the expected format. */
        CORRUPT
    }

    private final Reason reason;

    public SecretStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SecretStoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
