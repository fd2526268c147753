package io.alloycompanion.testsupport;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackDiscovery;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.ui.credentials.CredentialsServices;
import io.alloycompanion.ui.credentials.DesktopSecretStores;
import java.net.ProxySelector;
import java.nio.file.Path;

/** Credential services for UI tests: profiles in a temporary folder, tokens in memory, a configurable grafana.com. */
public final class TestCredentials {

    private TestCredentials() {
    }

    public static CredentialsServices inMemory(Path folder, String grafanaComApi) {
        MemorySecretStore keychain = new MemorySecretStore();
        DesktopSecretStores stores = new DesktopSecretStores(keychain, new MemorySecretStore(), passphrase -> new MemorySecretStore());
        ConnectionTester tester = new ConnectionTester(ProxySelector.of(null));
        return new CredentialsServices(new CredentialManager(new ProfileStore(folder.resolve("profiles.json")), stores),
                stores, tester, () -> new StackDiscovery(tester, grafanaComApi));
    }
}
