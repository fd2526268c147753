package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.StackDiscovery;
import java.util.function.Supplier;

/**
 * The core services behind the credential manager, built by the app (keychain, real network) or by a test (memory
 * stores, a local server).
 *
 * @param discovery built on demand so a changed grafana.com API setting applies at once
 */
public record CredentialsServices(CredentialManager manager, DesktopSecretStores stores, ConnectionTester tester,
                                  Supplier<StackDiscovery> discovery) {
}
