package io.alloycompanion.core.secrets;

/** Where a profile's token is kept. Never a plain file unless the user chose {@link #TOKEN_FILE} explicitly. */
public enum SecretLocation {
    /** Windows Credential Manager, macOS Keychain or the Linux Secret Service. */
    KEYCHAIN,
    /** A file in the app's data directory, AES-GCM encrypted with a key derived from the user's passphrase. */
    ENCRYPTED_FILE,
    /** Nowhere: the app asks for the token each time it starts and keeps it in memory only. */
    ASK_EACH_TIME
}
