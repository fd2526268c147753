package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.secrets.KeychainSecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.KeychainStatus;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.testsupport.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aProfilesReadTokenLivesInTheKeyringUnderItsOwnAccount(@TempDir Path temp) throws Exception {
        TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
        String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
        KeychainSecretStore keychain = new KeychainSecretStore("alloy-companion-it", Duration.ofSeconds(20));
        CredentialManager manager = new CredentialManager(new ProfileStore(temp.resolve("profiles.json")), location -> keychain);
        try (Keyring keyring = Keyring.create()) {
            manager.save(StackProfile.named(profile), Optional.of(Secret.of("write-value".toCharArray())), SecretLocation.KEYCHAIN);
            manager.saveReadToken(profile, Secret.of("read-value".toCharArray()), SecretLocation.KEYCHAIN);
            assertThat(keyring.getPassword("alloy-companion-it", "profile/" + profile + "/read")).isEqualTo("read-value");
            assertThat(keyring.getPassword("alloy-companion-it", "profile/" + profile)).isEqualTo("write-value");
            assertThat(manager.readToken(manager.require(profile)).orElseThrow().<String>reveal(String::new)).isEqualTo("read-value");
            assertThat(Files.readString(temp.resolve("profiles.json"))).doesNotContain("read-value").doesNotContain("write-value");

            assertThat(manager.removeReadToken(profile)).isTrue();
            assertThatThrownBy(() -> keyring.getPassword("alloy-companion-it", "profile/" + profile + "/read"))
                    .isInstanceOf(PasswordAccessException.class);
            assertThat(keyring.getPassword("alloy-companion-it", "profile/" + profile)).isEqualTo("write-value");
        } finally {
            manager.delete(profile);
        }
    }

    @Test
    void removingAllOfTheAppsDataDeletesEveryTokenFromTheKeyring(@TempDir Path temp) throws Exception {
        TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
        String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
        AppDirectories dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"),
                temp.resolve("cache"));
        KeychainSecretStore keychain = new KeychainSecretStore("alloy-companion-it", Duration.ofSeconds(20));
        CredentialManager manager = new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")),
                location -> keychain);
        try (Keyring keyring = Keyring.create()) {
            manager.save(StackProfile.named(profile), Optional.of(Secret.of("write-value".toCharArray())), SecretLocation.KEYCHAIN);
            manager.saveReadToken(profile, Secret.of("read-value".toCharArray()), SecretLocation.KEYCHAIN);
            DataRemoval removal = new DataRemoval(dirs, manager);

            DataRemoval.Outcome outcome = removal.remove(removal.plan(Settings.DEFAULTS, temp));

            assertThat(outcome.complete()).as(outcome.toString()).isTrue();
            assertThat(outcome.tokens()).hasSize(2);
            for (String account : new String[] {"profile/" + profile, "profile/" + profile + "/read"}) {
                assertThatThrownBy(() -> keyring.getPassword("alloy-companion-it", account))
                        .isInstanceOf(PasswordAccessException.class);
            }
            assertThat(dirs.config()).doesNotExist();
        } finally {
            keychain.delete("profile/" + profile);
            keychain.delete("profile/" + profile + "/read");
        }
    }
}
