package io.alloycompanion.core.cloud;

/** A profile operation failed; the message says why and what to do, and never contains a secret. */
public final class ProfileException extends Exception {

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProfileException(String message) {
        super(message);
    }
}
