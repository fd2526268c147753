package io.alloycompanion.core.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.alloycompanion.core.platform.Errors;
import java.util.Optional;
import java.util.UUID;

/**
 * Proves the OS keychain works by a full round trip of a throw-away value: store, read back, delete. Opening a
 * keychain alone proves little on Linux, where the Secret Service may be absent or locked.
 */
public final class KeychainProbe {

    static final String SERVICE = "alloy-companion-probe";

    public KeychainStatus probe() {
        String account = "probe-" + UUID.randomUUID();
        String value = UUID.randomUUID().toString();
        try (Keyring keyring = Keyring.create()) {
            String backend = keyring.getKeyringStorageType().name();
            try {
                keyring.setPassword(SERVICE, account, value);
                String read;
                try {
                    read = keyring.getPassword(SERVICE, account);
                } finally {
                    deleteQuietly(keyring, account);
                }
                if (!value.equals(read)) {
                    return new KeychainStatus(false, Optional.of(backend),
                            Optional.of("the keychain returned a different value than was stored"));
                }
                return new KeychainStatus(true, Optional.of(backend), Optional.empty());
            } catch (PasswordAccessException e) {
                return new KeychainStatus(false, Optional.of(backend), Optional.of(describe(e)));
            }
        } catch (BackendNotSupportedException e) {
            return new KeychainStatus(false, Optional.empty(), Optional.of("no supported keychain: " + describe(e)));
        } catch (Exception e) {
            // D-Bus and native access fail in many ways (no session bus, locked collection, missing library).
            return new KeychainStatus(false, Optional.empty(), Optional.of(describe(e)));
        }
    }

    /** Best effort: a probe entry left behind is harmless, a second error would hide the first. */
    private static void deleteQuietly(Keyring keyring, String account) {
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException | RuntimeException e) {
            // nothing more to do
        }
    }

    private static String describe(Throwable e) {
        return Redactor.global().redact(Errors.rootMessage(e));
    }
}
