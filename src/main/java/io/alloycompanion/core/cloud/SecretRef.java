package io.alloycompanion.core.cloud;

import io.alloycompanion.core.secrets.SecretLocation;

/** Where a profile's token (or read token, or Grafana token) is kept and under which account: a pointer to the secret, never the secret. */
public record SecretRef(SecretLocation location, String account) {

    public static SecretRef forProfile(SecretLocation location, String profile) {
        return new SecretRef(location, "profile/" + profile);
    }

    /**
     * The read-only token's account: {@code profile/<name>/read}. Profile names hold no {@code /}, so it never
     * clashes with another profile's write token.
     */
    public static SecretRef forReadToken(SecretLocation location, String profile) {
        return new SecretRef(location, "profile/" + profile + "/read");
    }

    /** The Grafana service account token's account: {@code profile/<name>/grafana}. */
    public static SecretRef forGrafanaToken(SecretLocation location, String profile) {
        return new SecretRef(location, "profile/" + profile + "/grafana");
    }
}
