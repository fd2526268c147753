package io.alloycompanion.core.secrets;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloycompanion.core.secrets.SecretStoreException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretStoreTest {

    private static final String TOKEN = FakeTokens.cloud("123", "test", "prod-us-east-0");
    private static final int FAST = 1_000;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("secrets.enc.json");
    }

    private EncryptedFileSecretStore store(String passphrase) {
        return new EncryptedFileSecretStore(file(), Secret.of(passphrase.toCharArray()), FAST);
    }

    private static String reveal(Optional<Secret> secret) {
        assertThat(secret).isPresent();
        return secret.get().reveal(String::new);
    }

    @Test
    void roundTripsASecret() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
            assertThat(reveal(store.load("profile/dev"))).isEqualTo(TOKEN);
            assertThat(store.location()).isEqualTo(SecretLocation.ENCRYPTED_FILE);
        }
    }

    @Test
    void keepsTwoAccountsApartAndReplacesOne() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of("first-token-value".toCharArray()));
            store.store("profile/prod", Secret.of("second-token-value".toCharArray()));
            store.store("profile/dev", Secret.of("replaced-token-value".toCharArray()));
            assertThat(reveal(store.load("profile/dev"))).isEqualTo("replaced-token-value");
            assertThat(reveal(store.load("profile/prod"))).isEqualTo("second-token-value");
            assertThat(store.load("profile/other")).isEmpty();
        }
    }

    @Test
    void deletesOneAccountAndIgnoresAMissingOne() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("a", Secret.of("value-of-a".toCharArray()));
            store.store("b", Secret.of("value-of-b".toCharArray()));
            store.delete("a");
            store.delete("never-stored");
            assertThat(store.load("a")).isEmpty();
            assertThat(reveal(store.load("b"))).isEqualTo("value-of-b");
        }
    }

    @Test
    void missingFileLoadsNothingAndIsNotCreatedByReading() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThat(store.load("profile/dev")).isEmpty();
            store.delete("profile/dev");
        }
        assertThat(file()).doesNotExist();
    }

    @Test
    void wrongPassphraseIsReportedAndLeavesTheFileAlone() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        byte[] before = Files.readAllBytes(file());
        try (EncryptedFileSecretStore wrong = store("battery staple")) {
            assertThatThrownBy(() -> wrong.load("profile/dev"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
            assertThatThrownBy(() -> wrong.load("profile/absent"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
            assertThatThrownBy(() -> wrong.store("profile/other", Secret.of("x-value-x".toCharArray())))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
            assertThatThrownBy(() -> wrong.delete("profile/dev"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
        }
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void tamperedCiphertextIsNeverDecrypted() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        flipCiphertextBit("profile/dev");
        try (EncryptedFileSecretStore store = store("correct horse")) {
            // With a single entry GCM cannot tell tampering from a wrong passphrase.
            assertThatThrownBy(() -> store.load("profile/dev"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
        }
    }

    @Test
    void tamperedEntryBesideAGoodOneIsReportedAsCorrupt() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("good", Secret.of("good-token-value".toCharArray()));
            store.store("bad", Secret.of("bad-token-value".toCharArray()));
        }
        flipCiphertextBit("bad");
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThatThrownBy(() -> store.load("bad"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
            assertThat(reveal(store.load("good"))).isEqualTo("good-token-value");
        }
    }

    @Test
    void anEntryMovedToAnotherAccountDoesNotDecrypt() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("a", Secret.of("value-of-a".toCharArray()));
            store.store("b", Secret.of("value-of-b".toCharArray()));
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file().toFile());
        ObjectNode entries = (ObjectNode) root.get("entries");
        entries.set("b", entries.get("a").deepCopy());
        mapper.writeValue(file().toFile(), root);
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThatThrownBy(() -> store.load("b")).isInstanceOf(SecretStoreException.class);
        }
    }

    @Test
    void fileHoldsNoPlaintextAndNamesItsKeyDerivation() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        String json = Files.readString(file());
        assertThat(json).doesNotContain(TOKEN).doesNotContain("glc_").doesNotContain("correct horse")
                .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
        var root = new ObjectMapper().readTree(json);
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.at("/kdf/algorithm").asText()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(root.at("/kdf/iterations").asInt()).isEqualTo(FAST);
        assertThat(Base64.getDecoder().decode(root.at("/kdf/salt").asText())).hasSize(16);
        assertThat(Base64.getDecoder().decode(root.at("/entries/profile~1dev/iv").asText())).hasSize(12);
    }

    @Test
    void freshIvForEveryWrite() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("a", Secret.of(TOKEN.toCharArray()));
            String first = new ObjectMapper().readTree(file().toFile()).at("/entries/a/iv").asText();
            store.store("a", Secret.of(TOKEN.toCharArray()));
            String second = new ObjectMapper().readTree(file().toFile()).at("/entries/a/iv").asText();
            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void fileIsReadableByItsOwnerOnly() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file()); // no temporary file left behind
        }
    }

    @Test
    void widerPermissionsOfAnOldFileAreNotKept() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("a", Secret.of(TOKEN.toCharArray()));
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
            store.store("b", Secret.of(TOKEN.toCharArray()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }

    @Test
    void secondInstanceWithTheSamePassphraseReadsIt() throws Exception {
        try (EncryptedFileSecretStore first = store("correct horse")) {
            first.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        try (EncryptedFileSecretStore second = store("correct horse")) {
            assertThat(reveal(second.load("profile/dev"))).isEqualTo(TOKEN);
            second.store("profile/prod", Secret.of("another-token".toCharArray()));
        }
        try (EncryptedFileSecretStore third = store("correct horse")) {
            assertThat(reveal(third.load("profile/prod"))).isEqualTo("another-token");
        }
    }

    @Test
    void defaultIterationCountFollowsOwasp() throws Exception {
        try (EncryptedFileSecretStore store = new EncryptedFileSecretStore(file(), Secret.of("correct horse".toCharArray()))) {
            store.store("a", Secret.of(TOKEN.toCharArray()));
        }
        assertThat(new ObjectMapper().readTree(file().toFile()).at("/kdf/iterations").asInt()).isEqualTo(600_000);
    }

    @Test
    void unparseableFileIsCorrupt() throws Exception {
        Files.writeString(file(), "{ not json");
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThatThrownBy(() -> store.load("a"))
                    .isInstanceOfSatisfying(SecretStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        assertThat(e.getMessage()).contains(file().toString());
                    });
        }
        Files.writeString(file(), "{\"schemaVersion\":1,\"kdf\":{\"algorithm\":\"PBKDF2WithHmacSHA256\",\"iterations\":1000,"
                + "\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\"},\"entries\":{\"a\":{\"iv\":\"short\",\"ciphertext\":\"!!\"}}}");
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThatThrownBy(() -> store.load("a"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
        }
    }

    @Test
    void unreadableFileIsAFilesystemProblem() throws Exception {
        Files.createDirectory(file());
        try (EncryptedFileSecretStore store = store("correct horse")) {
            assertThatThrownBy(() -> store.load("a"))
                    .isInstanceOfSatisfying(SecretStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.FILESYSTEM));
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        EncryptedFileSecretStore store = store("correct horse");
        store.close();
        assertThatThrownBy(() -> store.load("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorMessagesNeverContainTheSecret() throws Exception {
        try (EncryptedFileSecretStore store = store("correct horse")) {
            store.store("profile/dev", Secret.of(TOKEN.toCharArray()));
        }
        try (EncryptedFileSecretStore wrong = store("battery staple")) {
            assertThatThrownBy(() -> wrong.load("profile/dev"))
                    .hasMessageNotContaining(TOKEN).hasMessageNotContaining("battery staple");
        }
    }

    private void flipCiphertextBit(String account) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file().toFile());
        ObjectNode entry = (ObjectNode) root.get("entries").get(account);
        byte[] ciphertext = Base64.getDecoder().decode(entry.get("ciphertext").asText());
        ciphertext[0] ^= 1;
        entry.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        mapper.writeValue(file().toFile(), root);
    }
}
