package io.alloycompanion.core.cloud;

import io.alloycompanion.core.secrets.SecretLocation;

/** Where a profile's token is kept and under which account: a pointer to the secret, never the secret. */
public record SecretRef(SecretLocation location, String account) {

    public static SecretRef forProfile(SecretLocation location, String profile) {
        return new SecretRef(location, "profile/" + profile);
    }
}
