package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.install.InstallEvent;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.ReleaseServer;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.net.ProxySelector;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.FakeTokens;
import io.alloycompanion.core.platform.CommandResult;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallStepTest {

    @TempDir
    Path temp;

    private ReleaseServer server;
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();

    @BeforeEach
    void start() {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX shell script");
        server = new ReleaseServer().publish("v1.18.0", "alloy-linux-amd64.zip").latest("v1.18.0");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InstallStep step() {
        return step(Optional.empty());
    }

    private InstallStep step(Optional<InstallStep.OtherModes> others) {
        return step(others, Locale.ENGLISH);
    }

    private InstallStep step(Optional<InstallStep.OtherModes> others, Locale locale) {
        return step(others, locale, new ModeStep());
    }

    private InstallStep step(Optional<InstallStep.OtherModes> others, Locale locale, ModeStep mode) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", temp.resolve("empty").toString()), temp);
        var runner = new ProcessCommandRunner();
        Downloader downloader = new Downloader(ProxySelector.of(null));
        return new InstallStep(temp.resolve("alloy"), new AlloyDetector(env, runner, temp.resolve("alloy"), temp.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror(mirror.orElse(server.base()), downloader), runner,
                        OperatingSystem.LINUX, Architecture.AMD64),
                executor, new Localization(locale), Optional::empty, Optional.empty(), others, mode);
    }

    private final FakeCommandRunner systemd = new FakeCommandRunner()
            .answer(List.of("systemctl", "--user", "daemon-reload"), 0, "")
            .answer(List.of("systemctl", "--user", "enable", "--now", "alloy.service"), 0, "");

    private InstallStep.OtherModes others(OperatingSystem os) {
        return others(os, Optional::empty);
    }

    private InstallStep.OtherModes others(OperatingSystem os, InstallStep.ServiceToken token) {
        var env = new Environment(os, Architecture.AMD64, Map.of(), temp.resolve("home"));
        return new InstallStep.OtherModes(new ServiceSetup(env, systemd), new PackageManagers(systemd),
                () -> temp.resolve("config.alloy"), temp.resolve("alloy-data"), os, token, temp.resolve("data"));
    }

    @Test
    void theLocalStackNeedsNoAlloyOnThisComputer() {
        ModeStep mode = new ModeStep();
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        InstallStep step = step(Optional.empty(), Locale.ENGLISH, mode);
        assertThat(step.notNeededProperty().get()).isTrue();
        assertThat(step.enterAction()).as("nothing to look for").isEmpty();
        assertThat(step.foundProperty().get()).isNull();
        assertThat(step.valid().get()).isTrue();

        // Installing anyway holds Next until it is done.
        step.mirrorProperty().set(server.base());
        step.install();
        assertThat(step.valid().get()).isFalse();
        executor.runAll();
        assertThat(step.foundProperty().get()).isNotNull();
        assertThat(step.valid().get()).isTrue();

        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        assertThat(step.notNeededProperty().get()).isFalse();
        assertThat(step.enterAction()).isPresent();
        InstallStep cloud = step(Optional.empty(), Locale.ENGLISH, mode);
        assertThat(cloud.valid().get()).as("Grafana Cloud runs Alloy here: it must be found or installed").isFalse();
    }

    @Test
    void offersTheWaysEachOsHas() {
        assertThat(step().modes()).containsExactly(InstallStep.Mode.PER_USER);
        InstallStep linux = step(Optional.of(others(OperatingSystem.LINUX)));
        assertThat(linux.modes()).containsExactly(InstallStep.Mode.PER_USER, InstallStep.Mode.SERVICE,
                InstallStep.Mode.PACKAGE_MANAGER);
        assertThat(linux.managers()).containsExactly(PackageManagers.Manager.APT, PackageManagers.Manager.DNF);
        InstallStep mac = step(Optional.of(others(OperatingSystem.MACOS)));
        assertThat(mac.modes()).containsExactly(InstallStep.Mode.PER_USER, InstallStep.Mode.PACKAGE_MANAGER);
        assertThat(mac.managerProperty().get()).isEqualTo(PackageManagers.Manager.BREW);
        assertThat(step(Optional.of(others(OperatingSystem.WINDOWS))).managers())
                .containsExactly(PackageManagers.Manager.WINGET, PackageManagers.Manager.SCOOP);
    }

    @Test
    void asAServiceInstallsThenWritesAndStartsTheUserUnit() throws Exception {
        Files.writeString(temp.resolve("config.alloy"), "logging {\n  level = \"info\"\n}\n");
        InstallStep step = step(Optional.of(others(OperatingSystem.LINUX)));
        step.modeProperty().set(InstallStep.Mode.SERVICE);
        step.mirrorProperty().set(server.base());
        step.install();
        executor.runAll();

        assertThat(step.messageProperty().get()).isEqualTo("Alloy v1.18.0 runs as the systemd user service alloy.service ("
                + temp.resolve("home/.config/systemd/user/alloy.service") + "). It has no Grafana Cloud token yet: save your "
                + "credentials, then hand the token over with alloy-companion credentials deliver --to user-service.");
        assertThat(Files.readString(temp.resolve("home/.config/systemd/user/alloy.service")))
                .contains("ExecStart=" + temp.resolve("alloy/bin/alloy") + " run ");
        assertThat(systemd.commands()).containsExactly(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", "alloy.service"));
        executor.runAll(); // the look that follows finds the installed binary
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void aNewServiceGetsTheActiveProfilesTokenInA0600DropIn() throws Exception {
        Files.writeString(temp.resolve("config.alloy"), "logging {\n  level = \"info\"\n}\n");
        systemd.answer(List.of("systemctl", "--user", "try-restart", "alloy.service"), 0, "");
        String token = FakeTokens.cloud("1000000", "stack-test", "prod-us-east-0");
        InstallStep step = step(Optional.of(others(OperatingSystem.LINUX, () -> Optional.of(Secret.of(token.toCharArray())))));
        step.modeProperty().set(InstallStep.Mode.SERVICE);
        step.mirrorProperty().set(server.base());
        step.install();
        executor.runAll();

        Path dropIn = temp.resolve("home/.config/systemd/user/alloy.service.d/credentials.conf");
        assertThat(step.messageProperty().get()).endsWith("Its token (GCLOUD_RW_API_KEY) is in " + dropIn
                + " (mode 0600, readable by you only); the service was restarted to use it.").doesNotContain(token);
        assertThat(dropIn).content().contains(token);
        assertThat(Files.getPosixFilePermissions(dropIn)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(systemd.commands()).as("unit started, then restarted with the token").containsExactly(
                List.of("systemctl", "--user", "daemon-reload"), List.of("systemctl", "--user", "enable", "--now", "alloy.service"),
                List.of("systemctl", "--user", "daemon-reload"), List.of("systemctl", "--user", "try-restart", "alloy.service"));
        assertThat(step.log()).contains("Handing the Grafana Cloud token to the service");
    }

    @Test
    void anUnreadableKeychainStillInstallsTheServiceAndSaysWhy() throws Exception {
        Files.writeString(temp.resolve("config.alloy"), "logging {\n  level = \"info\"\n}\n");
        InstallStep step = step(Optional.of(others(OperatingSystem.LINUX, () -> {
            throw new IllegalStateException("the keyring is locked");
        })));
        step.modeProperty().set(InstallStep.Mode.SERVICE);
        step.mirrorProperty().set(server.base());
        step.install();
        executor.runAll();
        assertThat(step.log()).contains("The service starts without a Grafana Cloud token: the keyring is locked");
        assertThat(step.messageProperty().get()).contains("It has no Grafana Cloud token yet");
        assertThat(systemd.commands()).hasSize(2);
    }

    @Test
    void aptShowsItsRootCommandsAndRunsThemThroughPkexecWhenInstallIsPressed() {
        InstallStep linux = step(Optional.of(others(OperatingSystem.LINUX)));
        linux.modeProperty().set(InstallStep.Mode.PACKAGE_MANAGER);
        linux.managerProperty().set(PackageManagers.Manager.APT);
        assertThat(linux.rootCommands()).hasValueSatisfying(script -> assertThat(script)
                .contains("https://apt.grafana.com stable main").endsWith("apt-get install -y alloy"));
        List<String> expected = List.of("pkexec", "/bin/sh", "-c", PackageManagers.Manager.APT.rootScript().orElseThrow());
        systemd.answer(expected, 0, "Setting up alloy (1.18.0) ...\n");
        linux.install();
        executor.runAll();
        assertThat(systemd.commands()).containsExactly(expected);
        assertThat(linux.log()).contains("Setting up alloy (1.18.0) ...");
        assertThat(linux.messageProperty().get()).startsWith("Alloy is installed with apt. The service alloy.service is "
                + "installed but neither enabled nor started");

        InstallStep dismissed = step(Optional.of(others(OperatingSystem.LINUX)));
        dismissed.modeProperty().set(InstallStep.Mode.PACKAGE_MANAGER);
        dismissed.managerProperty().set(PackageManagers.Manager.DNF);
        systemd.answer(List.of("pkexec", "/bin/sh", "-c", PackageManagers.Manager.DNF.rootScript().orElseThrow()),
                new CommandResult(126, "", "", false));
        dismissed.install();
        executor.runAll();
        assertThat(dismissed.messageProperty().get()).isEqualTo("The install was cancelled; nothing was installed.");
        InstallStep mac = step(Optional.of(others(OperatingSystem.MACOS)));
        assertThat(mac.rootCommands()).as("brew runs as the user").isEmpty();
    }

    @Test
    void aServiceWithoutAConfigSaysWhatToWriteFirst() {
        InstallStep step = step(Optional.of(others(OperatingSystem.LINUX)));
        step.modeProperty().set(InstallStep.Mode.SERVICE);
        step.mirrorProperty().set(server.base());
        step.install();
        executor.runAll();
        assertThat(step.valid().get()).isFalse();
        assertThat(step.messageProperty().get()).startsWith("The install failed: The service needs a config")
                .contains("config generate --out");
        assertThat(systemd.commands()).isEmpty();
    }

    @Test
    void aPackageManagerInstallRunsItAndSaysWhichOne() {
        InstallStep mac = step(Optional.of(others(OperatingSystem.MACOS)));
        systemd.answer(List.of("brew", "install", "grafana/grafana/alloy"), 0, "==> Pouring alloy\n");
        mac.modeProperty().set(InstallStep.Mode.PACKAGE_MANAGER);
        mac.install();
        executor.runAll();
        assertThat(systemd.commands()).containsExactly(List.of("brew", "install", "grafana/grafana/alloy"));
        assertThat(mac.log()).contains("==> Pouring alloy");
        assertThat(mac.messageProperty().get()).startsWith("Alloy is installed with brew. Alloy Companion cannot find it yet");
        assertThat(mac.valid().get()).isFalse();
    }

    @Test
    void theChosenWayIsRemembered() {
        InstallStep step = step(Optional.of(others(OperatingSystem.LINUX)));
        step.modeProperty().set(InstallStep.Mode.SERVICE);
        InstallStep restored = step(Optional.of(others(OperatingSystem.LINUX)));
        restored.restoreState(step.saveState());
        assertThat(restored.modeProperty().get()).isEqualTo(InstallStep.Mode.SERVICE);
        InstallStep mac = step(Optional.of(others(OperatingSystem.MACOS)));
        mac.restoreState(step.saveState());
        assertThat(mac.modeProperty().get()).as("no service mode on macOS").isEqualTo(InstallStep.Mode.PER_USER);
    }

    @Test
    void installsWhenNothingIsThereAndThenIsValid() {
        InstallStep step = step();
        step.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(step.valid().get()).isFalse();
        assertThat(step.messageProperty().get()).startsWith("Alloy is not installed yet.");

        step.mirrorProperty().set(server.base());
        step.install();
        assertThat(step.installingProperty().get()).isTrue();
        executor.runAll();

        assertThat(step.valid().get()).isTrue();
        assertThat(step.messageProperty().get()).startsWith("Alloy v1.18.0 is installed and verified");
        assertThat(step.log()).anyMatch(line -> line.startsWith("Checksum verified"));
        assertThat(step.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void theLogIsInTheUsersLanguage() {
        InstallStep step = step(Optional.empty(), Locale.forLanguageTag("es"));
        step.install();
        executor.runAll();
        assertThat(step.log()).containsExactly(
                "Preguntando a " + server.base() + " por la última versión",
                "Leyendo SHA256SUMS de v1.18.0",
                "Descargando " + server.base() + "/v1.18.0/alloy-linux-amd64.zip",
                "Suma de verificación correcta (" + ReleaseServer.sha256(server.get("/releases/v1.18.0/alloy-linux-amd64.zip")) + ")",
                "El binario se ejecuta: alloy v1.18.0",
                "Alloy v1.18.0 está activo");
        for (InstallEvent.What what : InstallEvent.What.values()) {
            assertThat(step.describe(new InstallEvent(what, "x"))).as(what.name())
                    .isNotEqualTo(new InstallEvent(what, "x").english());
        }
    }

    @Test
    void anAppInstalledAlloyIsFoundTheNextTime() {
        InstallStep first = step();
        first.mirrorProperty().set(server.base());
        first.install();
        executor.runAll();

        InstallStep again = step();
        again.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(again.valid().get()).isTrue();
        assertThat(again.messageProperty().get()).startsWith("Alloy v1.18.0 is already installed");
    }

    @Test
    void anOlderAlloySaysANewerReleaseIsAvailable() {
        server.publish("v1.17.1", "alloy-linux-amd64.zip");
        InstallStep first = step();
        first.versionProperty().set("v1.17.1");
        first.install();
        executor.runAll();

        InstallStep again = step();
        again.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(again.valid().get()).isTrue();
        assertThat(again.messageProperty().get()).startsWith("Alloy v1.17.1 is already installed")
                .endsWith("Alloy v1.18.0 is available: Install upgrades to it and keeps this version for rollback.");
        assertThat(again.latestVersionProperty().get()).isEqualTo("v1.18.0");

        again.install(); // version "latest": the upgrade
        executor.runAll();
        InstallStep upgraded = step();
        upgraded.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(upgraded.messageProperty().get()).startsWith("Alloy v1.18.0 is already installed").doesNotContain("available");
        assertThat(upgraded.latestVersionProperty().get()).isEmpty();
    }

    @Test
    void anOlderAlloyFromElsewhereIsUpdatedTheWayItWasInstalled() throws Exception {
        Path alloy = Files.createDirectories(temp.resolve("empty")).resolve("alloy");
        Files.writeString(alloy, "#!/bin/sh\necho 'alloy, version v1.17.1 (branch: HEAD, revision: 1a2b3c4d5)'\n");
        assertThat(alloy.toFile().setExecutable(true)).isTrue();
        InstallStep step = step();
        step.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(step.messageProperty().get()).startsWith("Alloy v1.17.1 is already installed")
                .endsWith("Alloy v1.18.0 is available: update it the way it was installed (PATH).");
    }

    @Test
    void aFailedInstallSaysWhyAndStaysInvalid() {
        byte[] zip = server.get("/releases/v1.18.0/alloy-linux-amd64.zip").clone();
        zip[zip.length - 5] ^= 1;
        server.put("/releases/v1.18.0/alloy-linux-amd64.zip", zip);
        InstallStep step = step();
        step.mirrorProperty().set(server.base());
        step.install();
        executor.runAll();
        assertThat(step.valid().get()).isFalse();
        assertThat(step.messageProperty().get()).startsWith("The install failed: Checksum mismatch");
    }

    @Test
    void versionAndMirrorAreRemembered() {
        InstallStep step = step();
        step.versionProperty().set("v1.17.1");
        step.mirrorProperty().set("https://mirror.example/alloy");
        InstallStep restored = step();
        restored.restoreState(step.saveState());
        assertThat(restored.versionProperty().get()).isEqualTo("v1.17.1");
        assertThat(restored.mirrorProperty().get()).isEqualTo("https://mirror.example/alloy");
    }
}
