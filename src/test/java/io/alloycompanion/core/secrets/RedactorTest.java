package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactorTest {

    /** A token-shaped value built at run time, so no token-like literal sits in the repository. */
    static String fakeCloudToken() {
        String json = "{\"o\":\"123\",\"n\":\"test-token\",\"k\":\"not-a-real-key-0123456789\",\"m\":{\"r\":\"prod-eu-west-2\"}}";
        return "glc_" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void forget() {
        Redactor.global().clear();
    }

    @Test
    void masksEveryGrafanaCloudToken() {
        String token = fakeCloudToken();
        String text = "export GCLOUD_RW_API_KEY=" + token + " and again \"" + token + "\"";
        assertThat(Redactor.global().redact(text))
                .isEqualTo("export GCLOUD_RW_API_KEY=glc_**** and again \"glc_****\"")
                .doesNotContain(token.substring(4, 20));
    }

    @Test
    void leavesProseAboutTokensAlone() {
        assertThat(Redactor.global().redact("paste a glc_ token here")).isEqualTo("paste a glc_ token here");
    }

    @Test
    void masksRegisteredSecretsUntilTheyAreUnregistered() {
        char[] password = "hunter2-basic-auth".toCharArray();
        Redactor.global().register(password);
        assertThat(Redactor.global().redact("password=hunter2-basic-auth;x=hunter2-basic-auth")).isEqualTo("password=****;x=****");
        Redactor.global().unregister(password);
        assertThat(Redactor.global().redact("password=hunter2-basic-auth")).isEqualTo("password=hunter2-basic-auth");
    }

    @Test
    void ignoresSecretsTooShortToMaskSafely() {
        Redactor.global().register("abc".toCharArray());
        assertThat(Redactor.global().redact("abc abc")).isEqualTo("abc abc");
    }
}
