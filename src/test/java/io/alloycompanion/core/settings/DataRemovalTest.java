package io.alloycompanion.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.LogFiles;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.settings.DataRemoval.Kept;
import io.alloycompanion.core.settings.DataRemoval.KeptReason;
import io.alloycompanion.core.settings.DataRemoval.ProblemKind;
import io.alloycompanion.core.settings.DataRemoval.Role;
import io.alloycompanion.core.settings.DataRemoval.StoredToken;
import io.alloycompanion.core.settings.DataRemoval.TokenUse;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Removing all of the app's data against temporary folders, with memory stores standing in for the keychain. */
class DataRemovalTest {

    private static final String TOKEN = FakeTokens.cloud("1", "dev", "prod-us-east-0");

    @TempDir
    Path temp;

    private final FailingStore keychain = new FailingStore();
    private final MemorySecretStore encrypted = new MemorySecretStore();
    private final MemorySecretStore memory = new MemorySecretStore();
    private final List<String> events = new ArrayList<>();

    /** The Linux layout under a temporary home: ~/.config, ~/.local/share, ~/.local/state/…/logs, ~/.cache. */
    private AppDirectories directories() {
        return AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), home()));
    }

    private Path home() {
        return temp.resolve("home");
    }

    private CredentialManager credentials(AppDirectories dirs) {
        return new CredentialManager(new ProfileStore(dirs.config().resolve("profiles.json")), location -> switch (location) {
            case KEYCHAIN -> keychain;
            case ENCRYPTED_FILE -> encrypted;
            case ASK_EACH_TIME -> memory;
        });
    }

    private DataRemoval removal(AppDirectories dirs) {
        return new DataRemoval(dirs, credentials(dirs), dirs.data().resolve("secrets.enc.json"), folder -> {
            events.add("logs closed in " + folder + " after " + keychain.deleted);
            return List.of();
        });
    }

    private static Optional<Secret> token(String value) {
        return Optional.of(Secret.of(value.toCharArray()));
    }

    /** Profiles dev (token in the keychain, read token in the encrypted file) and laptop (token and Grafana token asked each time). */
    private AppDirectories populated() throws Exception {
        AppDirectories dirs = directories();
        CredentialManager manager = credentials(dirs);
        manager.save(StackProfile.named("dev"), token(TOKEN), SecretLocation.KEYCHAIN);
        try (Secret read = Secret.of(TOKEN.toCharArray())) {
            manager.saveReadToken("dev", read, SecretLocation.ENCRYPTED_FILE);
        }
        manager.save(StackProfile.named("laptop"), token(TOKEN), SecretLocation.ASK_EACH_TIME);
        try (Secret grafana = Secret.of(FakeTokens.serviceAccount().toCharArray())) {
            manager.saveGrafanaToken("laptop", grafana, SecretLocation.ASK_EACH_TIME);
        }
        Files.writeString(dirs.settingsFile(), "{\"schemaVersion\":1}");
        Files.createDirectories(dirs.data().resolve("alloy/v1.18.0/bin"));
        Files.write(dirs.data().resolve("alloy/v1.18.0/bin/alloy"), new byte[1500]);
        Files.writeString(dirs.data().resolve("config.alloy"), "logging {}\n");
        Files.writeString(dirs.data().resolve("secrets.enc.json"), "{\"stands-in\":\"for the encrypted file\"}");
        Files.createDirectories(dirs.logs());
        Files.writeString(dirs.logs().resolve("alloy-companion.log"), "a line\n");
        return dirs;
    }

    @Test
    void theListNamesEachTokenAndWhereItIsTheFoldersWithTheirSizesAndWhatStays() throws Exception {
        AppDirectories dirs = populated();
        Path config = Files.createDirectories(temp.resolve("project")).resolve("config.alloy");
        Files.writeString(config, "logging {}\n");
        Path stack = Files.createDirectories(home().resolve("alloy-companion-stack"));
        Settings settings = Settings.DEFAULTS.withConfigFile(config.toString());

        DataRemoval.Plan plan = removal(dirs).plan(settings, home());

        assertThat(plan.tokens()).containsExactly(
                new StoredToken("dev", TokenUse.TOKEN, SecretLocation.KEYCHAIN, "profile/dev"),
                new StoredToken("dev", TokenUse.READ_TOKEN, SecretLocation.ENCRYPTED_FILE, "profile/dev/read"),
                new StoredToken("laptop", TokenUse.TOKEN, SecretLocation.ASK_EACH_TIME, "profile/laptop"),
                new StoredToken("laptop", TokenUse.GRAFANA_TOKEN, SecretLocation.ASK_EACH_TIME, "profile/laptop/grafana"));
        assertThat(plan.tokens().toString()).doesNotContain(TOKEN);
        assertThat(plan.profilesProblem()).isEmpty();
        assertThat(plan.folders()).extracting(DataRemoval.Folder::path).containsExactly(dirs.config(), dirs.data(),
                dirs.logs(), dirs.cache());
        DataRemoval.Folder data = plan.folders().get(1);
        assertThat(data.roles()).containsExactly(Role.DATA);
        assertThat(data.exists()).isTrue();
        assertThat(data.files()).isEqualTo(3);
        assertThat(data.bytes()).isEqualTo(1500 + "logging {}\n".length() + Files.size(dirs.data().resolve("secrets.enc.json")));
        assertThat(plan.folders().get(3).exists()).as("no cache yet").isFalse();
        assertThat(plan.kept()).containsExactly(new Kept(KeptReason.CONFIG_FILE_ELSEWHERE, Optional.of(config)),
                new Kept(KeptReason.STACK_FOLDER, Optional.of(stack)), new Kept(KeptReason.OWN_FILES, Optional.empty()),
                new Kept(KeptReason.SERVICES, Optional.empty()), new Kept(KeptReason.CLOUD_TOKENS, Optional.empty()));
        assertThat(Files.exists(dirs.settingsFile())).as("listing removes nothing").isTrue();
        assertThat(keychain.load("profile/dev")).isPresent();
    }

    @Test
    void aConfigOrStackFolderInsideTheAppFoldersIsNotListedAsKept() throws Exception {
        AppDirectories dirs = populated();
        Settings settings = Settings.DEFAULTS.withConfigFile(dirs.data().resolve("config.alloy").toString());

        DataRemoval.Plan plan = removal(dirs).plan(settings, home());

        assertThat(plan.kept()).extracting(Kept::reason).containsExactly(KeptReason.OWN_FILES, KeptReason.SERVICES,
                KeptReason.CLOUD_TOKENS);
    }

    @Test
    void removesTheTokensFromTheirStoresThenTheFoldersAndLeavesTheUsersOwnFiles() throws Exception {
        AppDirectories dirs = populated();
        Path config = Files.createDirectories(temp.resolve("project")).resolve("config.alloy");
        Files.writeString(config, "logging {}\n");
        Path besideConfigFolder = Files.writeString(home().resolve(".config").resolve("other-app.conf"), "mine");
        DataRemoval removal = removal(dirs);
        DataRemoval.Plan plan = removal.plan(Settings.DEFAULTS.withConfigFile(config.toString()), home());

        DataRemoval.Outcome outcome = removal.remove(plan);

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.tokens()).allMatch(result -> result.problem().isEmpty()).hasSize(4);
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(memory.load("profile/laptop")).isEmpty();
        assertThat(memory.load("profile/laptop/grafana")).isEmpty();
        assertThat(events).containsExactly("logs closed in " + dirs.logs() + " after [profile/dev]");
        for (Path folder : List.of(dirs.config(), dirs.data(), dirs.logs(), dirs.cache())) {
            assertThat(folder).doesNotExist();
        }
        assertThat(dirs.logs().getParent()).as("the app's folder in ~/.local/state, left empty").doesNotExist();
        assertThat(home().resolve(".local/state")).as("not the app's").exists();
        assertThat(config).hasContent("logging {}\n");
        assertThat(besideConfigFolder).hasContent("mine");
    }

    @Test
    void oneFailingKeychainEntryDoesNotStopTheRestAndTheProfilesFileStaysAsItsRecord() throws Exception {
        AppDirectories dirs = populated();
        CredentialManager manager = credentials(dirs);
        manager.save(StackProfile.named("prod"), token(TOKEN), SecretLocation.KEYCHAIN);
        keychain.failOn("profile/dev");
        DataRemoval removal = removal(dirs);

        DataRemoval.Outcome outcome = removal.remove(removal.plan(Settings.DEFAULTS, home()));

        assertThat(outcome.complete()).isFalse();
        DataRemoval.TokenResult dev = outcome.tokens().get(0);
        assertThat(dev.token().account()).isEqualTo("profile/dev");
        assertThat(dev.problem()).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemKind.STORE_FAILED);
            assertThat(problem.detail()).isEqualTo("The keychain is locked.").doesNotContain(TOKEN);
        });
        assertThat(outcome.tokens()).filteredOn(result -> result.problem().isPresent()).hasSize(1);
        assertThat(keychain.load("profile/prod")).as("the next entry was still deleted").isEmpty();
        assertThat(keychain.load("profile/dev")).isPresent();
        assertThat(dirs.data()).doesNotExist();
        assertThat(dirs.logs()).doesNotExist();
        assertThat(dirs.settingsFile()).doesNotExist();
        Path profiles = dirs.config().resolve("profiles.json");
        assertThat(profiles).exists();
        assertThat(Files.readString(profiles)).contains("profile/dev").doesNotContain(TOKEN);
        assertThat(outcome.folders().get(0).problems()).containsExactly(
                new DataRemoval.Problem(ProblemKind.KEPT_AS_RECORD, profiles.toString()));
        assertThat(outcome.folders().subList(1, 4)).allMatch(result -> result.problems().isEmpty());

        keychain.failOn("nothing");
        DataRemoval.Outcome again = removal.remove(removal.plan(Settings.DEFAULTS, home()));
        assertThat(again.complete()).as("a second run finishes the job").isTrue();
        assertThat(keychain.load("profile/dev")).isEmpty();
        assertThat(dirs.config()).doesNotExist();
    }

    @Test
    void anUnreadableProfilesFileIsReportedAndKept() throws Exception {
        AppDirectories dirs = directories();
        Files.createDirectories(dirs.config());
        Path profiles = Files.writeString(dirs.config().resolve("profiles.json"), "{ not json");
        DataRemoval removal = removal(dirs);

        DataRemoval.Plan plan = removal.plan(Settings.DEFAULTS, home());
        assertThat(plan.tokens()).isEmpty();
        assertThat(plan.profilesProblem()).hasValueSatisfying(why -> assertThat(why).contains("not valid JSON"));

        DataRemoval.Outcome outcome = removal.remove(plan);
        assertThat(outcome.complete()).isFalse();
        assertThat(profiles).exists();
        assertThat(outcome.folders().get(0).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.kind()).isEqualTo(ProblemKind.PROFILES_UNREADABLE));
    }

    @Test
    void symbolicLinksAreRemovedNotFollowed() throws Exception {
        AppDirectories dirs = populated();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "mine");
        try {
            Files.createSymbolicLink(dirs.data().resolve("link"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links here (Windows without the right)
        }
        DataRemoval removal = removal(dirs);

        DataRemoval.Outcome outcome = removal.remove(removal.plan(Settings.DEFAULTS, home()));

        assertThat(outcome.complete()).isTrue();
        assertThat(dirs.data()).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void foldersSharedByTwoRolesAreListedOnce() throws Exception {
        AppDirectories mac = AppDirectories.resolve(new Environment(OperatingSystem.MACOS, Architecture.ARM64, Map.of(), home()));
        DataRemoval.Plan plan = removal(mac).plan(Settings.DEFAULTS, home());
        assertThat(plan.folders()).hasSize(3);
        assertThat(plan.folders().get(0).roles()).containsExactlyInAnyOrder(Role.CONFIG, Role.DATA);
        assertThat(plan.folders().get(0).orderedRoles()).containsExactly(Role.CONFIG, Role.DATA);
        assertThat(plan.kept()).extracting(Kept::reason).as("no tokens, so nothing to revoke")
                .doesNotContain(KeptReason.CLOUD_TOKENS);
    }

    @Test
    void theLogFileTheAppIsWritingIsClosedSoItsFolderCanGo() throws Exception {
        AppDirectories dirs = populated();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger logger = context.getLogger("data-removal-test");
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(dirs.logs().resolve("alloy-companion.log").toString());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        try {
            logger.warn("written before the removal");
            assertThat(dirs.logs().resolve("alloy-companion.log")).content().contains("written before the removal");
            DataRemoval removal = new DataRemoval(dirs, credentials(dirs), dirs.data().resolve("secrets.enc.json"),
                    LogFiles::closeIn);

            DataRemoval.Outcome outcome = removal.remove(removal.plan(Settings.DEFAULTS, home()));

            assertThat(outcome.complete()).isTrue();
            assertThat(outcome.closedLogFiles()).containsExactly(dirs.logs().resolve("alloy-companion.log"));
            assertThat(appender.isStarted()).isFalse();
            assertThat(logger.iteratorForAppenders().hasNext()).isFalse();
            assertThat(dirs.logs()).doesNotExist();
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(appender);
            appender.stop();
        }
    }

    /** A keychain stand-in that refuses to delete one chosen account, as a locked or broken entry would. */
    private static final class FailingStore implements SecretStore {
        private final MemorySecretStore inside = new MemorySecretStore();
        private final Set<String> deleted = new HashSet<>();
        private String failing = "";

        void failOn(String account) {
            failing = account;
        }

        @Override
        public SecretLocation location() {
            return SecretLocation.KEYCHAIN;
        }

        @Override
        public void store(String account, Secret secret) {
            inside.store(account, secret);
        }

        @Override
        public Optional<Secret> load(String account) {
            return inside.load(account);
        }

        @Override
        public void delete(String account) throws SecretStoreException {
            if (account.equals(failing)) {
                throw new SecretStoreException(SecretStoreException.Reason.UNAVAILABLE, "The keychain is locked.");
            }
            inside.delete(account);
            deleted.add(account);
        }
    }
}
