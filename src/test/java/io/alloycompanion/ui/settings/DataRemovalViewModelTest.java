package io.alloycompanion.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.ByteSizes;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.testsupport.FakeTokens;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.settings.DataRemovalViewModel.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Remove all my data…" without a toolkit: the list to confirm, what happens on yes and no, and the result. */
class DataRemovalViewModelTest {

    private static final String TOKEN = FakeTokens.cloud("1", "dev", "prod-us-east-0");

    @TempDir
    Path temp;

    private final MemorySecretStore keychain = new MemorySecretStore();
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final List<String> events = new ArrayList<>();
    private String failingAccount = "";
    private AppDirectories dirs;
    private CredentialManager credentials;

    @BeforeEach
    void populate() throws Exception {
        dirs = new AppDirectories(temp.resolve("config"), temp.resolve("data"), temp.resolve("logs"), temp.resolve("cache"));
        SecretStore store = new SecretStore() {
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
                events.add("delete " + account);
                if (account.equals(failingAccount)) {
                    throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The keychain is locked.");
                }
                keychain.delete(account);
            }
        };
        credentials = new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")), location -> store);
        credentials.save(StackProfile.named("dev"), Optional.of(Secret.of(TOKEN.toCharArray())), SecretLocation.KEYCHAIN);
        Files.writeString(dirs.settingsFile(), "{\"schemaVersion\":1}");
        Files.createDirectories(dirs.data());
        Files.write(dirs.data().resolve("config.alloy"), new byte[2500]);
    }

    private DataRemovalViewModel model(Locale locale) {
        DataRemoval removal = new DataRemoval(dirs, credentials, dirs.data().resolve("secrets.enc.json"), folder -> {
            events.add("logs closed");
            return List.of();
        });
        return new DataRemovalViewModel(removal, () -> Settings.DEFAULTS, temp.resolve("home"),
                () -> events.add("agent and settings stopped"), () -> events.add("quit"), executor,
                new Localization(locale));
    }

    @Test
    void theListToConfirmNamesTheTokensTheFoldersAndWhatStays() throws Exception {
        long configBytes = Files.size(dirs.settingsFile()) + Files.size(dirs.config().resolve("profiles.json"));
        DataRemovalViewModel model = model(Locale.ENGLISH);
        assertThat(model.planLines()).isEmpty();

        model.prepare();
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.LISTING);
        executor.runAll();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.CONFIRMING);
        assertThat(model.planLines()).containsSubsequence(
                "Saved tokens:",
                "  dev: token in the system keychain (account profile/dev)",
                "Folders:",
                "  " + dirs.config() + " (settings and profiles; " + ByteSizes.describe(configBytes, Locale.ENGLISH) + ")",
                "Kept:",
                "  your own files outside these folders",
                "  the tokens in Grafana Cloud: they stay valid until you revoke them there",
                "Alloy is stopped first. Afterwards the app closes: it cannot run without its folders.");
        assertThat(model.planLines()).contains("  " + dirs.data() + " (downloaded Alloy, generated config, agent data; 2.5 kB)",
                "  " + dirs.cache() + " (cache; not there)");
        assertThat(String.join("\n", model.planLines())).doesNotContain(TOKEN);
        assertThat(events).as("listing touches nothing").isEmpty();
    }

    @Test
    void cancellingRemovesNothing() {
        DataRemovalViewModel model = model(Locale.ENGLISH);
        model.prepare();
        executor.runAll();

        model.cancel();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(model.planLines()).isEmpty();
        model.confirm();
        assertThat(executor.pending()).as("nothing to confirm any more").isZero();
        assertThat(events).isEmpty();
        assertThat(keychain.load("profile/dev")).isPresent();
        assertThat(dirs.settingsFile()).exists();
    }

    @Test
    void confirmingStopsTheAgentAndSettingsFirstThenRemovesAndReportsThenTheAppCloses() {
        DataRemovalViewModel model = model(Locale.ENGLISH);
        model.prepare();
        executor.runAll();

        model.confirm();
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.REMOVING);
        executor.runAll();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.DONE);
        assertThat(events).containsExactly("agent and settings stopped", "delete profile/dev", "logs closed");
        assertThat(model.complete()).isTrue();
        assertThat(model.resultHeader()).isEqualTo("All your data was removed");
        assertThat(model.resultLines()).containsExactly("Removed: the token of dev", "Removed: " + dirs.config(),
                "Removed: " + dirs.data(), "The app closes now. Uninstall it as usual if you want it gone too.");
        assertThat(dirs.config()).doesNotExist();
        assertThat(dirs.data()).doesNotExist();

        model.quit();
        assertThat(events).endsWith("quit");
    }

    @Test
    void whatCouldNotBeRemovedComesFirstInTheUsersLanguage() {
        failingAccount = "profile/dev";
        DataRemovalViewModel model = model(Locale.forLanguageTag("es"));
        model.prepare();
        executor.runAll();
        assertThat(model.planLines()).contains("  dev: token en el llavero del sistema (cuenta profile/dev)");

        model.confirm();
        executor.runAll();

        assertThat(model.complete()).isFalse();
        assertThat(model.resultHeader()).isEqualTo("No se pudieron borrar algunos de tus datos");
        assertThat(model.resultLines()).startsWith(
                "Sin borrar: el token de dev: el llavero no pudo borrarlo (The keychain is locked.)",
                "Sin borrar: " + dirs.config() + ": se conserva " + dirs.config().resolve("profiles.json")
                        + ": indica dónde están los tokens que no se pudieron borrar");
        assertThat(model.resultLines()).contains("Borrado: " + dirs.data());
        assertThat(dirs.config().resolve("profiles.json")).exists();
        assertThat(dirs.data()).doesNotExist();
    }

    @Test
    void whenStoppingFailsNothingIsRemovedAndTheErrorIsReported() throws Exception {
        DataRemoval removal = new DataRemoval(dirs, credentials, dirs.data().resolve("secrets.enc.json"), folder -> List.of());
        DataRemovalViewModel model = new DataRemovalViewModel(removal, () -> Settings.DEFAULTS, temp.resolve("home"),
                () -> {
                    throw new InterruptedException("stopping Alloy was interrupted");
                }, () -> { }, executor, new Localization(Locale.ENGLISH));
        model.prepare();
        executor.runAll();

        model.confirm();
        executor.runAll();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(executor.unexpected()).singleElement()
                .satisfies(error -> assertThat(error).hasMessage("stopping Alloy was interrupted"));
        assertThat(keychain.load("profile/dev")).isPresent();
        assertThat(dirs.settingsFile()).exists();
    }
}
