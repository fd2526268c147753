package io.alloycompanion.core.secrets;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Ask me each time": the token lives in this process's memory only and is gone when the app closes. A copy is
 * handed out on load so a caller wiping its secret does not wipe the stored one.
 */
public final class MemorySecretStore implements SecretStore {

    private final Map<String, Secret> secrets = new HashMap<>();

    @Override
    public SecretLocation location() {
        return SecretLocation.ASK_EACH_TIME;
    }

    @Override
    public synchronized void store(String account, Secret secret) {
        Secret previous = secrets.put(account, secret.reveal(Secret::of));
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public synchronized Optional<Secret> load(String account) {
        return Optional.ofNullable(secrets.get(account)).map(secret -> secret.reveal(Secret::of));
    }

    @Override
    public synchronized void delete(String account) {
        Secret previous = secrets.remove(account);
        if (previous != null) {
            previous.close();
        }
    }
}
