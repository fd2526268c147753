package io.alloycompanion.cli;

import static io.alloycompanion.cli.CredentialsScanCommandTest.MASKED;
import static io.alloycompanion.cli.CredentialsScanCommandTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.EncryptedFileSecretStore;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles whose token is in the passphrase-encrypted file, through the command line's own stores (a memory store
 * stands in for the keychain). Tests run without a terminal, which is the case the command line must explain.
 */
class CredentialsEncryptedFileTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;

    private MachineSecretStores stores;
    private Path secretsFile;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void noTerminal() {
        assumeTrue(System.console() == null, "the prompts must find no terminal");
        secretsFile = temp.resolve("app/data").resolve(EncryptedFileSecretStore.FILE_NAME);
        stores = new MachineSecretStores(new MemorySecretStore(), new MemorySecretStore(), secretsFile, PassphraseInput.console());
    }

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stores);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    /** What the desktop app (or an earlier terminal session) would have left: a profile with its token in the file. */
    private void storedProfile() throws Exception {
        var credentials = new CredentialManager(new ProfileStore(temp.resolve("app/config/profiles.json")),
                stores.withPassphrase(PassphraseInput.stdin(new ByteArrayInputStream(PASSPHRASE.getBytes(StandardCharsets.UTF_8)))));
        try (Secret token = Secret.of(TOKEN.toCharArray())) {
            credentials.save(StackProfile.named("enc"), Optional.of(token), SecretLocation.ENCRYPTED_FILE);
        }
    }

    private List<Path> filesHoldingTheToken() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.readString(file, StandardCharsets.ISO_8859_1).contains(TOKEN);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void withoutATerminalOrPassphraseStdinTheCommandSaysWhatToDo() throws Exception {
        assertThat(run(TOKEN, "credentials", "add", "--profile", "enc", "--store", "encrypted-file", "--token-stdin",
                "--no-discover")).isEqualTo(2);
        assertThat(err.toString()).contains("The encrypted secrets file " + secretsFile + " needs its passphrase, and "
                + "there is no terminal to ask for it on. Pipe the passphrase with --passphrase-stdin")
                .contains("The profile was not saved.").doesNotContain(TOKEN);
        assertThat(secretsFile).doesNotExist();

        storedProfile();
        assertThat(run("", "credentials", "test", "--profile", "enc")).isEqualTo(2);
        assertThat(err.toString()).contains("no terminal to ask for it on").contains("--passphrase-stdin");
    }

    @Test
    void passphraseStdinOpensTheFileForShowDeliverAndRemove() throws Exception {
        storedProfile();
        assertThat(secretsFile).exists();
        assertThat(filesHoldingTheToken()).isEmpty();

        assertThat(run(PASSPHRASE + "\n", "credentials", "show", "--profile", "enc", "--passphrase-stdin")).isZero();
        assertThat(out.toString()).contains("token    " + MASKED).contains("[encrypted_file]").doesNotContain(TOKEN);

        assertThat(run("not the passphrase\n", "credentials", "show", "--profile", "enc", "--passphrase-stdin", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("token").isNull()).isTrue();
        assertThat(json.get("tokenProblem").asText()).contains("The passphrase does not open the secrets file " + secretsFile);

        assertThat(run(PASSPHRASE, "credentials", "deliver", "--to", "token-file", "--profile", "enc", "--passphrase-stdin"))
                .as(err.toString()).isZero();
        Path tokenFile = temp.resolve("app/data/tokens/enc.token");
        assertThat(filesHoldingTheToken()).containsExactly(tokenFile);

        assertThat(run(PASSPHRASE, "credentials", "add", "--profile", "enc", "--store", "encrypted-file",
                "--passphrase-stdin", "--no-discover", "--metrics-url", "https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push",
                "--metrics-user", "1234567")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("token in the encrypted file " + secretsFile);

        assertThat(run(PASSPHRASE, "credentials", "remove", "--profile", "enc", "--passphrase-stdin")).as(err.toString()).isZero();
        try (var reopened = new EncryptedFileSecretStore(secretsFile, Secret.of(PASSPHRASE.toCharArray()))) {
            assertThat(reopened.load("profile/enc")).isEmpty();
        }
    }

    @Test
    void standardInputCarriesOneSecretOnly() throws Exception {
        assertThat(run(PASSPHRASE, "credentials", "add", "--profile", "enc", "--store", "encrypted-file",
                "--passphrase-stdin", "--token-stdin", "--no-discover")).isEqualTo(2);
        assertThat(err.toString()).contains("--passphrase-stdin and --token-stdin cannot be used together");
        // Without a terminal there is no prompt for the token, so nothing is saved without one.
        assertThat(run(PASSPHRASE, "credentials", "add", "--profile", "enc", "--store", "encrypted-file",
                "--passphrase-stdin", "--no-discover")).isEqualTo(2);
        assertThat(err.toString()).contains("no token to store in the encrypted file");
        assertThat(run("", "credentials", "list")).isZero();
        assertThat(out.toString()).contains("No profiles yet");
        assertThat(run("", "credentials", "add", "--profile", "enc", "--store", "usb", "--no-discover")).isEqualTo(2);
        assertThat(err.toString()).contains("--store must be keychain, encrypted-file or ask");
    }
}
