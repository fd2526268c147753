package io.alloycompanion.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Grafana-shaped tokens for tests, built at run time so no token-looking literal sits in the sources. They decode
 * like real ones (FACTS §7) but hold a key that is plainly fake and valid nowhere.
 */
public final class FakeTokens {

    private FakeTokens() {
    }

    /** {@code glc_} + base64 (no padding) of {@code {"o":org,"n":name,"k":"fake-…","m":{"r":region}}}. */
    public static String cloud(String org, String name, String region) {
        String json = "{\"o\":\"" + org + "\",\"n\":\"" + name + "\",\"k\":\"fake-key-for-tests-" + name + "\",\"m\":{\"r\":\""
                + region + "\"}}";
        return "glc_" + Base64.getEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code glc_} token with default org, name and region. */
    public static String cloud() {
        return cloud("1234567", "test", "prod-us-east-0");
    }

    /** The shape of a Grafana service-account token, which the app must refuse. */
    public static String serviceAccount() {
        return "glsa_" + "fake".repeat(8) + "_" + "0".repeat(8);
    }
}
