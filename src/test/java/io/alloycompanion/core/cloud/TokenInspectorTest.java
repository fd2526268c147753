package io.alloycompanion.core.cloud;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenInspectorTest {

    static String cloudToken(String json, boolean padded, boolean urlAlphabet) {
        Base64.Encoder encoder = urlAlphabet ? Base64.getUrlEncoder() : Base64.getEncoder();
        if (!padded) {
            encoder = encoder.withoutPadding();
        }
        return "glc_" + encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static TokenInspection inspect(String token) {
        try (Secret secret = Secret.of(token.toCharArray())) {
            return TokenInspector.inspect(secret);
        }
    }

    @Test
    void decodesOrgNameAndRegionOfAnAccessPolicyToken() {
        String token = cloudToken("{\"o\":\"1234567\",\"n\":\"laptop-alloy\",\"k\":\"s3cr3tK3yValu3\",\"m\":{\"r\":\"prod-us-east-0\"}}",
                false, false);
        TokenInspection inspection = inspect("  " + token + "\n");
        assertThat(inspection.kind()).isEqualTo(TokenKind.ACCESS_POLICY);
        assertThat(inspection.accepted()).isTrue();
        assertThat(inspection.info()).hasValueSatisfying(info -> {
            assertThat(info.org()).contains("1234567");
            assertThat(info.name()).contains("laptop-alloy");
            assertThat(info.region()).contains("prod-us-east-0");
        });
        assertThat(inspection.masked()).isEqualTo("glc_…" + token.substring(token.length() - 4));
        assertThat(inspection.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void acceptsPaddingAndTheUrlAlphabet() {
        String json = "{\"o\":\"42\",\"n\":\"t?>>\",\"k\":\"abc\",\"m\":{\"r\":\"prod-eu-west-2\"}}";
        assertThat(inspect(cloudToken(json, true, false)).info().flatMap(TokenInfo::region)).contains("prod-eu-west-2");
        assertThat(inspect(cloudToken(json, false, true)).info().flatMap(TokenInfo::name)).contains("t?>>");
    }

    @Test
    void aGlcTokenThatDoesNotDecodeIsStillAccepted() {
        TokenInspection inspection = inspect("glc_not*base64*at*all");
        assertThat(inspection.kind()).isEqualTo(TokenKind.ACCESS_POLICY);
        assertThat(inspection.info()).isEmpty();
    }

    @Test
    void refusesServiceAccountTokensAndRetiredApiKeysWithWhatToCreateInstead() {
        TokenInspection serviceAccount = inspect(FakeTokens.serviceAccount());
        assertThat(serviceAccount.accepted()).isFalse();
        assertThat(serviceAccount.refusal()).hasValueSatisfying(text -> assertThat(text)
                .contains("service account").contains("cannot push").contains("access policy token (glc_"));
        TokenInspection legacy = inspect("eyJrIjoiT0tTcG1pUlY2RnVKZTFVaDFsNFZXdE9ZWmNrMkZYbk");
        assertThat(legacy.kind()).isEqualTo(TokenKind.LEGACY_API_KEY);
        assertThat(legacy.refusal()).hasValueSatisfying(text -> assertThat(text).contains("retired"));
        assertThat(inspect(" \n\t").kind()).isEqualTo(TokenKind.EMPTY);
    }

    @Test
    void otherShapesAreAcceptedAsPasswordsForSelfHostedEndpoints() {
        TokenInspection inspection = inspect("plain-basic-auth-password");
        assertThat(inspection.kind()).isEqualTo(TokenKind.OTHER);
        assertThat(inspection.accepted()).isTrue();
        assertThat(inspection.masked()).isEqualTo("…word");
    }
}
