package io.alloycompanion.core.grafana;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Imports the bundled starter dashboard into a profile's stack Grafana (its {@code stackUrl}) with the profile's
 * Grafana service account token: what the checklist's "import the starter dashboard" fix does.
 */
public final class StarterDashboardImport {

    private StarterDashboardImport() {
    }

    /**
     * @param profile the profile; empty: the active one
     * @throws ProfileException when there is no such profile, or it has no stack address or no Grafana token
     */
    public static ImportReport run(CredentialManager credentials, Optional<String> profile, ProxySelector proxy)
            throws ProfileException, SecretStoreException, GrafanaException, InterruptedException {
        StackProfile chosen = profile.isPresent() ? credentials.require(profile.get())
                : credentials.profiles().activeProfile().orElseThrow(() -> new ProfileException(
                        "There is no active profile: choose one in Credentials."));
        URI grafana;
        try {
            grafana = GrafanaClient.parseUrl(chosen.stackUrl().orElseThrow(() -> new ProfileException("Profile "
                    + chosen.name() + " has no Grafana address: look the stack up by its name in Credentials.")));
        } catch (IllegalArgumentException e) {
            throw new ProfileException("The Grafana address of profile " + chosen.name() + " is not usable: " + e.getMessage());
        }
        Optional<Secret> token = credentials.grafanaToken(chosen);
        if (token.isEmpty()) {
            throw new ProfileException("Profile " + chosen.name() + " has no Grafana token: set one in Credentials.");
        }
        try (Secret secret = token.get()) {
            return new DashboardImporter(new GrafanaClient(grafana, Optional.of(secret), proxy))
                    .importDashboards(List.of(DashboardImporter.Source.starter()), DashboardImporter.Options.defaults());
        }
    }
}
