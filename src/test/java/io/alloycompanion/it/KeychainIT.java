package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.secrets.KeychainStatus;
import io.alloycompanion.testsupport.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gnome-keyring's Secret Service on a private D-Bus session, through java-keyring. A locked keyring makes the
 * Secret Service prompt and D-Bus calls wait without end, so the tests run on their own thread with a time limit.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeychainIT {

    @Test
    void theProbeFindsAUsableKeychain() {
        TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
        KeychainStatus status = new KeychainProbe().probe();
        assertThat(status.usable()).as(status.problem().orElse("")).isTrue();
        assertThat(status.backend()).contains("GNOME_KEYRING");
    }

    @Test
    void storesReadsAndDeletesASecret() throws Exception {
        TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
        String account = "it-" + UUID.randomUUID();
        try (Keyring keyring = Keyring.create()) {
            keyring.setPassword("alloy-companion-it", account, "value-1");
            keyring.setPassword("alloy-companion-it", account, "value-2");
            assertThat(keyring.getPassword("alloy-companion-it", account)).isEqualTo("value-2");
            keyring.deletePassword("alloy-companion-it", account);
            assertThatThrownBy(() -> keyring.getPassword("alloy-companion-it", account))
                    .isInstanceOf(PasswordAccessException.class);
        }
    }
}
