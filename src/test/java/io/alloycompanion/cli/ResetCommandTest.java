package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reset --all} in-process: memory stores for the keychain, a scripted terminal, the app's folders in a temp dir. */
class ResetCommandTest {

    private static final String TOKEN = FakeTokens.cloud("1234567", "laptop", "prod-us-east-0");

    @TempDir
    Path temp;

    private final MemorySecretStore keychain = new MemorySecretStore();
    private final List<String> prompts = new ArrayList<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private boolean terminalPresent;
    private String failingAccount = "";
    private StringWriter out;
    private StringWriter err;
    private AppDirectories dirs;

    @BeforeEach
    void populate() throws Exception {
        dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        CredentialManager manager = new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")),
                location -> keychain);
        manager.save(StackProfile.named("dev"), Optional.of(Secret.of(TOKEN.toCharArray())), SecretLocation.KEYCHAIN);
        manager.save(StackProfile.named("prod"), Optional.of(Secret.of(TOKEN.toCharArray())), SecretLocation.KEYCHAIN);
        Files.writeString(dirs.settingsFile(), "{\"schemaVersion\":1}");
        Files.createDirectories(dirs.data().resolve("alloy"));
        Files.writeString(dirs.data().resolve("config.alloy"), "logging {}\n");
        Files.createDirectories(dirs.logs());
        Files.writeString(dirs.logs().resolve("alloy-companion.log"), "a line\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        Terminal terminal = new Terminal() {
            @Override
            public boolean present() {
                return terminalPresent;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                prompts.add(prompt);
                return Optional.ofNullable(answers.poll());
            }
        };
        CredentialManager.SecretStores stores = location -> new io.alloycompanion.core.secrets.SecretStore() {
            @Override
            public SecretLocation location() {
                return SecretLocation.KEYCHAIN;
            }

            @Override
            public void store(String account, Secret secret) {
                keychain.store(account, secret);
            }

            @Override
            public Optional<Secret> load(String account) {
                return keychain.load(account);
            }

            @Override
            public void delete(String account) throws SecretStoreException {
                if (account.equals(failingAccount)) {
                    throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The keychain did not "
                            + "answer within 20 s.");
                }
                keychain.delete(account);
            }
        };
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(new byte[0]), stores, new ProcessCommandRunner(), terminal);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private void assertNothingRemoved() {
        assertThat(keychain.load("profile/dev")).isPresent();
        assertThat(dirs.settingsFile()).exists();
        assertThat(dirs.data().resolve("config.alloy")).exists();
    }

    @Test
    void withoutATerminalItListsAndRefusesSayingToAddYes() {
        assertThat(run("reset", "--all")).isEqualTo(2);

        assertThat(out.toString()).contains("dev: token in the keychain (keychain service alloy-companion, account profile/dev)")
                .contains(dirs.config().toString() + "  settings and profiles")
                .contains(dirs.data().toString() + "  downloaded Alloy, generated config, agent data")
                .contains("It keeps:").contains("your own files outside these folders")
                .contains("the tokens in Grafana Cloud").doesNotContain(TOKEN);
        assertThat(err.toString()).contains("nothing was removed").contains("Add --yes");
        assertThat(prompts).isEmpty();
        assertNothingRemoved();
    }

    @Test
    void onATerminalItAsksAndOnlyYesRemoves() {
        terminalPresent = true;
        answers.add("no");
        assertThat(run("reset", "--all")).isEqualTo(2);
        assertThat(prompts).containsExactly("Type \"yes\" to remove all of this: ");
        assertThat(err.toString()).contains("Nothing was removed.");
        assertNothingRemoved();

        answers.add(" yes ");
        assertThat(run("reset", "--all")).isZero();
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(keychain.load("profile/prod")).isEmpty();
        assertThat(dirs.config()).doesNotExist();
        assertThat(dirs.data()).doesNotExist();
        assertThat(dirs.logs()).doesNotExist();
        assertThat(out.toString()).contains("Removed the token of dev (keychain service alloy-companion, account profile/dev).")
                .contains("Removed " + dirs.data() + ".").contains("Nothing at " + dirs.cache() + ".")
                .contains("Everything listed was removed.");
    }

    @Test
    void yesRemovesWithoutAskingAndJsonIsOneDocument() throws Exception {
        assertThat(run("reset", "--all", "--yes", "--json")).isZero();

        assertThat(prompts).isEmpty();
        assertThat(err.toString()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("done").asBoolean()).isTrue();
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("tokens")).hasSize(2);
        JsonNode dev = json.get("tokens").get(0);
        assertThat(dev.get("profile").asText()).isEqualTo("dev");
        assertThat(dev.get("use").asText()).isEqualTo("token");
        assertThat(dev.get("store").asText()).isEqualTo("keychain");
        assertThat(dev.get("account").asText()).isEqualTo("profile/dev");
        assertThat(dev.get("removed").asBoolean()).isTrue();
        assertThat(dev.get("problem").isNull()).isTrue();
        assertThat(json.get("folders")).hasSize(4);
        JsonNode config = json.get("folders").get(0);
        assertThat(config.get("path").asText()).isEqualTo(dirs.config().toString());
        assertThat(config.get("roles").get(0).asText()).isEqualTo("config");
        assertThat(config.get("exists").asBoolean()).isTrue();
        assertThat(config.get("bytes").asLong()).isPositive();
        assertThat(config.get("removed").asBoolean()).isTrue();
        assertThat(json.get("kept").findValuesAsText("reason")).contains("own-files", "services", "cloud-tokens");
        assertThat(out.toString()).doesNotContain(TOKEN);
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(dirs.config()).doesNotExist();
    }

    @Test
    void jsonWithoutYesAndWithoutATerminalIsStillOneDocumentOfWhatWouldGo() throws Exception {
        assertThat(run("reset", "--all", "--json")).isEqualTo(2);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("done").asBoolean()).isFalse();
        assertThat(json.get("complete").asBoolean()).isFalse();
        assertThat(json.get("tokens").get(0).get("removed").asBoolean()).isFalse();
        assertThat(err.toString()).contains("Saved tokens:").contains("Add --yes");
        assertNothingRemoved();
    }

    @Test
    void aTokenThatCannotBeRemovedExitsWithOneAfterRemovingTheRest() throws Exception {
        failingAccount = "profile/dev";

        assertThat(run("reset", "--all", "--yes")).isEqualTo(1);

        assertThat(out.toString())
                .contains("Not removed: the token of dev: the store failed: The keychain did not answer within 20 s.")
                .contains("Removed the token of prod")
                .contains("Not removed completely: " + dirs.config() + ": kept " + dirs.config().resolve("profiles.json"))
                .contains("run `alloy-companion reset --all` again");
        assertThat(keychain.load("profile/prod")).isEmpty();
        assertThat(dirs.data()).doesNotExist();
        assertThat(dirs.settingsFile()).doesNotExist();
        assertThat(dirs.config().resolve("profiles.json")).exists();
    }

    @Test
    void allIsRequired() {
        assertThat(run("reset")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--all'");
        assertNothingRemoved();
    }
}
