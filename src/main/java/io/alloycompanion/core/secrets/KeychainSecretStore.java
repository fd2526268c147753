package io.alloycompanion.core.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.ThreadPools;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OS keychain through java-keyring: Windows Credential Manager, macOS Keychain, the Linux Secret Service.
 * Every call has a time limit, because a locked Linux keyring can make the Secret Service wait for a prompt
 * that never comes, and nobody should wait on a frozen app for that.
 */
public final class KeychainSecretStore implements SecretStore {

    public static final String SERVICE = "alloy-companion";
    private static final ExecutorService CALLS = ThreadPools.cached("keychain");

    private final String service;
    private final Duration timeout;

    public KeychainSecretStore() {
        this(SERVICE, Duration.ofSeconds(20));
    }

    public KeychainSecretStore(String service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
    }

    @Override
    public SecretLocation location() {
        return SecretLocation.KEYCHAIN;
    }

    @Override
    public void store(String account, Secret secret) throws SecretStoreException {
        call(keyring -> {
            secret.reveal(chars -> {
                try {
                    keyring.setPassword(service, account, new String(chars));
                    return null;
                } catch (PasswordAccessException e) {
                    throw new KeyringFailure(e);
                }
            });
            return null;
        });
    }

    @Override
    public Optional<Secret> load(String account) throws SecretStoreException {
        return call(keyring -> {
            try {
                String value = keyring.getPassword(service, account);
                return value == null ? Optional.empty() : Optional.of(Secret.of(value.toCharArray()));
            } catch (PasswordAccessException e) {
                // java-keyring reports a missing entry this way on every backend.
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(String account) throws SecretStoreException {
        call(keyring -> {
            try {
                keyring.deletePassword(service, account);
            } catch (PasswordAccessException e) {
                // Already gone: deleting is idempotent.
            }
            return null;
        });
    }

    private interface KeyringCall<T> {
        T apply(Keyring keyring) throws BackendNotSupportedException;
    }

    /** Carries a keychain error out of a {@link Secret#reveal} lambda. */
    private static final class KeyringFailure extends RuntimeException {
        KeyringFailure(Throwable cause) {
            super(cause);
        }
    }

    private <T> T call(KeyringCall<T> body) throws SecretStoreException {
        Future<T> future = CALLS.submit(() -> {
            try (Keyring keyring = Keyring.create()) {
                return body.apply(keyring);
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The keychain did not answer within "
                    + timeout.toSeconds() + " s. It may be locked: unlock it (on Linux, log in to the desktop "
                    + "session or open Passwords and Keys) and try again.", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "Interrupted while using the keychain.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof KeyringFailure failure ? failure.getCause() : e.getCause();
            String why = Redactor.global().redact(Errors.rootMessage(cause));
            if (cause instanceof BackendNotSupportedException) {
                throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE,
                        "No supported keychain on this machine (" + why + ").", cause);
            }
            throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The keychain failed: " + why, cause);
        }
    }
}
