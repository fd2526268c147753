package io.alloycompanion.core.cloud;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialManagerTest {

    private static final String TOKEN = FakeTokens.cloud("1", "t", "prod-us-east-0");

    @TempDir
    Path temp;

    private final MemorySecretStore keychain = new MemorySecretStore();
    private final MemorySecretStore memory = new MemorySecretStore();

    private CredentialManager manager() {
        return new CredentialManager(new ProfileStore(temp.resolve("profiles.json")),
                location -> location == SecretLocation.KEYCHAIN ? keychain : memory);
    }

    private static StackProfile dev() {
        return StackProfile.named("dev").withStack(Optional.of("mystack"), Optional.of("https://mystack.grafana.net"))
                .withEndpoint(Signal.METRICS, new Endpoint("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push", "1234567"))
                .withEndpoint(Signal.LOGS, new Endpoint("https://logs-prod-006.grafana.net/loki/api/v1/push", "765432"));
    }

    private static Optional<Secret> token(String value) {
        return Optional.of(Secret.of(value.toCharArray()));
    }

    private static String reveal(Optional<Secret> secret) {
        return secret.orElseThrow().reveal(String::new);
    }

    @Test
    void savesTheProfileWithAReferenceAndTheTokenInTheStoreOnly() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);

        Profiles profiles = manager.profiles();
        assertThat(profiles.active()).contains("dev");
        StackProfile saved = profiles.find("dev").orElseThrow();
        assertThat(saved.secret()).contains(new SecretRef(SecretLocation.KEYCHAIN, "profile/dev"));
        assertThat(saved.endpoint(Signal.METRICS).map(Endpoint::username)).contains("1234567");
        assertThat(reveal(manager.token(saved))).isEqualTo(TOKEN);
        assertThat(Files.readString(temp.resolve("profiles.json"))).doesNotContain(TOKEN)
                .contains("\"schemaVersion\" : 1");
    }

    @Test
    void updatingWithoutATokenKeepsTheStoredOne() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        manager.save(dev().withEndpoint(Signal.TRACES, new Endpoint("tempo-prod-04-prod-us-east-0.grafana.net:443", "999")),
                Optional.empty(), SecretLocation.KEYCHAIN);
        StackProfile saved = manager.require("dev");
        assertThat(saved.endpoints()).containsKey(Signal.TRACES);
        assertThat(reveal(manager.token(saved))).isEqualTo(TOKEN);
    }

    @Test
    void movingTheTokenToAnotherStoreDeletesItFromTheFirst() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        manager.save(dev(), token(TOKEN), SecretLocation.ASK_EACH_TIME);
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(memory.load("profile/dev")).isPresent();
    }

    @Test
    void duplicateRenameAndDeleteCarryTheTokenAlong() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        manager.duplicate("dev", "prod");
        assertThat(reveal(manager.token(manager.require("prod")))).isEqualTo(TOKEN);
        assertThat(manager.require("prod").endpoints()).isEqualTo(dev().endpoints());

        manager.rename("dev", "staging");
        assertThat(manager.profiles().find("dev")).isEmpty();
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(reveal(manager.token(manager.require("staging")))).isEqualTo(TOKEN);
        assertThat(manager.profiles().active()).contains("staging");

        manager.delete("staging");
        assertThat(keychain.load("profile/staging")).isEmpty();
        assertThat(manager.profiles().active()).contains("prod");
    }

    private static final String READ_TOKEN = FakeTokens.cloud("1", "reader", "prod-us-east-0");

    @Test
    void aReadTokenIsStoredUnderItsOwnAccountAndSurvivesSavingTheProfile() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        assertThat(manager.readToken(manager.require("dev"))).isEmpty();

        try (Secret read = Secret.of(READ_TOKEN.toCharArray())) {
            StackProfile saved = manager.saveReadToken("dev", read, SecretLocation.KEYCHAIN);
            assertThat(saved.readSecret()).contains(new SecretRef(SecretLocation.KEYCHAIN, "profile/dev/read"));
        }
        assertThat(reveal(keychain.load("profile/dev/read"))).isEqualTo(READ_TOKEN);
        assertThat(reveal(keychain.load("profile/dev"))).as("the write token is untouched").isEqualTo(TOKEN);
        // Editing the profile (the form saves it without tokens) keeps both.
        manager.save(dev().withEndpoint(Signal.TRACES, new Endpoint("tempo-prod-04-prod-us-east-0.grafana.net:443", "999")),
                Optional.empty(), SecretLocation.KEYCHAIN);
        StackProfile edited = manager.require("dev");
        assertThat(reveal(manager.readToken(edited))).isEqualTo(READ_TOKEN);
        assertThat(reveal(manager.token(edited))).isEqualTo(TOKEN);
        assertThat(Files.readString(temp.resolve("profiles.json"))).doesNotContain(READ_TOKEN).doesNotContain(TOKEN)
                .contains("\"account\" : \"profile/dev/read\"");

        // Moved to another store: gone from the first.
        try (Secret read = Secret.of(READ_TOKEN.toCharArray())) {
            manager.saveReadToken("dev", read, SecretLocation.ASK_EACH_TIME);
        }
        assertThat(keychain.load("profile/dev/read")).isEmpty();
        assertThat(reveal(manager.readToken(manager.require("dev")))).isEqualTo(READ_TOKEN);

        assertThat(manager.removeReadToken("dev")).isTrue();
        assertThat(memory.load("profile/dev/read")).isEmpty();
        assertThat(manager.require("dev").readSecret()).isEmpty();
        assertThat(manager.removeReadToken("dev")).as("nothing left to remove").isFalse();
        assertThat(reveal(manager.token(manager.require("dev")))).isEqualTo(TOKEN);
        assertThatThrownBy(() -> manager.saveReadToken("nope", Secret.of(READ_TOKEN.toCharArray()), SecretLocation.KEYCHAIN))
                .isInstanceOf(ProfileException.class).hasMessageContaining("no profile named 'nope'");
    }

    @Test
    void duplicateRenameAndDeleteCarryTheReadTokenAlong() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        try (Secret read = Secret.of(READ_TOKEN.toCharArray())) {
            manager.saveReadToken("dev", read, SecretLocation.KEYCHAIN);
        }
        manager.duplicate("dev", "prod");
        assertThat(reveal(manager.readToken(manager.require("prod")))).isEqualTo(READ_TOKEN);
        assertThat(manager.require("prod").readSecret()).contains(new SecretRef(SecretLocation.KEYCHAIN, "profile/prod/read"));

        manager.rename("dev", "staging");
        assertThat(keychain.load("profile/dev/read")).isEmpty();
        assertThat(reveal(manager.readToken(manager.require("staging")))).isEqualTo(READ_TOKEN);

        manager.delete("staging");
        assertThat(keychain.load("profile/staging/read")).isEmpty();
        assertThat(keychain.load("profile/prod/read")).isPresent();
    }

    @Test
    void aGrafanaTokenHasItsOwnAccountSurvivesSavingAndTravelsWithDuplicateRenameAndDelete() throws Exception {
        String grafanaToken = FakeTokens.serviceAccount();
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        try (Secret read = Secret.of(READ_TOKEN.toCharArray())) {
            manager.saveReadToken("dev", read, SecretLocation.KEYCHAIN);
        }
        assertThat(manager.grafanaToken(manager.require("dev"))).isEmpty();
        try (Secret grafana = Secret.of(grafanaToken.toCharArray())) {
            StackProfile saved = manager.saveGrafanaToken("dev", grafana, SecretLocation.KEYCHAIN);
            assertThat(saved.grafanaSecret()).contains(new SecretRef(SecretLocation.KEYCHAIN, "profile/dev/grafana"));
        }
        assertThat(reveal(keychain.load("profile/dev/grafana"))).isEqualTo(grafanaToken);
        manager.save(dev(), Optional.empty(), SecretLocation.KEYCHAIN);
        StackProfile edited = manager.require("dev");
        assertThat(reveal(manager.grafanaToken(edited))).isEqualTo(grafanaToken);
        assertThat(reveal(manager.readToken(edited))).isEqualTo(READ_TOKEN);
        assertThat(Files.readString(temp.resolve("profiles.json"))).doesNotContain(grafanaToken)
                .contains("\"account\" : \"profile/dev/grafana\"");

        manager.duplicate("dev", "prod");
        assertThat(reveal(manager.grafanaToken(manager.require("prod")))).isEqualTo(grafanaToken);
        manager.rename("dev", "staging");
        assertThat(keychain.load("profile/dev/grafana")).isEmpty();
        assertThat(reveal(manager.grafanaToken(manager.require("staging")))).isEqualTo(grafanaToken);
        manager.delete("staging");
        assertThat(keychain.load("profile/staging/grafana")).isEmpty();
        assertThat(keychain.load("profile/staging/read")).isEmpty();

        assertThat(manager.removeGrafanaToken("prod")).isTrue();
        assertThat(keychain.load("profile/prod/grafana")).isEmpty();
        assertThat(manager.require("prod").grafanaSecret()).isEmpty();
        assertThat(reveal(manager.readToken(manager.require("prod")))).as("the read token stays").isEqualTo(READ_TOKEN);
        assertThat(manager.removeGrafanaToken("prod")).isFalse();
    }

    @Test
    void aProfilesFileFromBeforeReadTokensStillLoads() throws Exception {
        Files.writeString(temp.resolve("profiles.json"), "{\"schemaVersion\":1,\"profiles\":[{\"name\":\"dev\",\"endpoints\":{},"
                + "\"secret\":{\"location\":\"KEYCHAIN\",\"account\":\"profile/dev\"}}],\"active\":\"dev\"}");
        StackProfile dev = manager().require("dev");
        assertThat(dev.secret()).contains(new SecretRef(SecretLocation.KEYCHAIN, "profile/dev"));
        assertThat(dev.readSecret()).isEmpty();
    }

    @Test
    void refusesBadNamesDuplicatesAndUnknownProfiles() throws Exception {
        CredentialManager manager = manager();
        manager.save(dev(), token(TOKEN), SecretLocation.KEYCHAIN);
        assertThatThrownBy(() -> manager.save(StackProfile.named("../etc"), Optional.empty(), SecretLocation.KEYCHAIN))
                .isInstanceOf(ProfileException.class).hasMessageContaining("not a valid profile name");
        assertThatThrownBy(() -> manager.duplicate("dev", "dev")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> manager.activate("nope")).hasMessageContaining("no profile named 'nope'");
    }

    @Test
    void aCorruptProfilesFileIsReportedAndLeftAlone() throws Exception {
        Files.writeString(temp.resolve("profiles.json"), "{ not json");
        CredentialManager manager = manager();
        assertThatThrownBy(manager::profiles).isInstanceOf(ProfileException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> manager.save(dev(), Optional.empty(), SecretLocation.KEYCHAIN))
                .isInstanceOf(ProfileException.class);
        assertThat(Files.readString(temp.resolve("profiles.json"))).isEqualTo("{ not json");
    }

    @Test
    void emptyEndpointsAreDropped() {
        StackProfile profile = StackProfile.named("x").withEndpoints(Map.of(Signal.OTLP, new Endpoint(" ", "")));
        assertThat(profile.endpoints()).isEmpty();
    }
}
