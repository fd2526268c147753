package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.FakeTokens;
import java.util.ArrayList;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceInstallerTest {

    @TempDir
    Path home;

    @Test
    void linuxWritesAUserUnitAndEnablesIt() throws Exception {
        var runner = new FakeCommandRunner()
                .answer(ServiceInstaller.DAEMON_RELOAD, 0, "")
                .answer(ServiceInstaller.ENABLE_NOW, 0, "Created symlink …\n");
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), home);

        Path unit = new ServiceInstaller(env, runner).installUserUnit(Path.of("/home/dev/alloy/bin/alloy"),
                Path.of("/home/dev/My Configs/config.alloy"), Path.of("/home/dev/.local/share/alloy-companion/alloy-data"));

        assertThat(unit).isEqualTo(home.resolve(".config/systemd/user/alloy.service"));
        assertThat(unit).content().contains("ExecStart=/home/dev/alloy/bin/alloy run --server.http.listen-addr=127.0.0.1:12345 "
                + "--storage.path=/home/dev/.local/share/alloy-companion/alloy-data \"/home/dev/My Configs/config.alloy\"\n")
                .contains("Restart=on-failure").contains("WantedBy=default.target");
        assertThat(runner.commands()).containsExactly(ServiceInstaller.DAEMON_RELOAD, ServiceInstaller.ENABLE_NOW);
    }

    @Test
    void aFailingSystemctlSaysWhereToLook() {
        var runner = new FakeCommandRunner()
                .answer(ServiceInstaller.DAEMON_RELOAD, 0, "")
                .answer(ServiceInstaller.ENABLE_NOW, new CommandResult(1, "", "Failed to connect to bus", false));
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), home);
        assertThatThrownBy(() -> new ServiceInstaller(env, runner).installUserUnit(Path.of("/a"), Path.of("/b"), Path.of("/c")))
                .hasMessageContaining("journalctl --user -u alloy.service").hasMessageContaining("Failed to connect to bus");
    }

    @Test
    void windowsRunsTheOfficialInstallerSilentlyAndElevated() throws Exception {
        Path installer = Path.of("C:\\Users\\dev\\AppData\\Local\\Temp\\alloy-installer-windows-amd64.exe");
        Path config = Path.of("C:\\Users\\dev\\alloy\\config.alloy");
        List<String> command = ServiceInstaller.windowsInstallerCommand(installer, config);
        assertThat(command).containsExactly("powershell", "-NoProfile", "-NonInteractive", "-Command",
                "$p = Start-Process -FilePath '" + installer + "' -ArgumentList '/S','/CONFIG=" + config
                        + "','/DISABLEREPORTING=yes' -Verb RunAs -Wait -PassThru; exit $p.ExitCode");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);

        new ServiceInstaller(env, new FakeCommandRunner().answer(command, 0, "")).runWindowsInstaller(installer, config);

        var declined = new FakeCommandRunner().answer(command, new CommandResult(1, "", "This operation was canceled by the user.", false));
        assertThatThrownBy(() -> new ServiceInstaller(env, declined).runWindowsInstaller(installer, config))
                .hasMessageContaining("UAC prompt was declined");
    }

    @Test
    void windowsHandsTheTokenToTheNewServiceThroughTheRegistryAndSaysHowToRetry() throws Exception {
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        Path data = Files.createDirectories(home.resolve("data"));
        String token = FakeTokens.cloud("1000000", "stack-test", "prod-us-east-0");
        var runner = new FakeCommandRunner().answer(command -> command.get(0).equals("powershell.exe"),
                new CommandResult(0, "", "", false));
        List<InstallEvent> events = new ArrayList<>();
        InstallListener listener = new InstallListener() {
            @Override
            public void step(InstallEvent event) {
                events.add(event);
            }

            @Override
            public void progress(long done, long total, double bytesPerSecond) {
            }
        };
        try (Secret secret = Secret.of(token.toCharArray())) {
            String said = new ServiceSetup(env, runner).handToken(Optional.of(secret), data, listener);
            assertThat(said).isEqualTo("Its token (GCLOUD_RW_API_KEY) is in HKLM\\Software\\GrafanaLabs\\Alloy\\Environment, "
                    + "the registry value the service wrapper reads; the service was restarted to use it.");
        }
        assertThat(runner.commands()).hasSize(1).allSatisfy(command -> assertThat(String.join(" ", command))
                .startsWith("powershell.exe -NoProfile -NonInteractive -Command").doesNotContain(token));
        assertThat(events).extracting(InstallEvent::what).containsExactly(InstallEvent.What.HANDING_TOKEN);

        var declined = new FakeCommandRunner().answer(command -> command.get(0).equals("powershell.exe"),
                new CommandResult(1223, "", "", false));
        try (Secret secret = Secret.of(token.toCharArray())) {
            assertThat(new ServiceSetup(env, declined).handToken(Optional.of(secret), data, InstallListener.NONE))
                    .startsWith("The token could not be handed to it: ")
                    .endsWith("Retry with alloy-companion credentials deliver --to windows-service.");
        }
        assertThat(new ServiceSetup(env, declined).handToken(Optional.empty(), data, InstallListener.NONE))
                .isEqualTo("It has no Grafana Cloud token yet: save your credentials, then hand the token over with "
                        + "alloy-companion credentials deliver --to windows-service.");
        try (var files = Files.list(data)) {
            assertThat(files).as("no one-shot file left").isEmpty();
        }
    }

    @Test
    void linuxRemovesOnlyTheUnitItWrote() throws Exception {
        var runner = new FakeCommandRunner()
                .answer(ServiceInstaller.DAEMON_RELOAD, 0, "")
                .answer(ServiceInstaller.ENABLE_NOW, 0, "")
                .answer(ServiceInstaller.DISABLE_NOW, 0, "Removed …\n");
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), home);
        var services = new ServiceInstaller(env, runner);
        Path unit = services.installUserUnit(Path.of("/a/alloy"), Path.of("/b/config.alloy"), Path.of("/c"));

        assertThat(services.removeUserUnit()).contains(unit);
        assertThat(unit).doesNotExist();
        assertThat(runner.commands()).containsExactly(ServiceInstaller.DAEMON_RELOAD, ServiceInstaller.ENABLE_NOW,
                ServiceInstaller.DISABLE_NOW, ServiceInstaller.DAEMON_RELOAD);
        assertThat(services.removeUserUnit()).as("nothing left to remove").isEmpty();

        Files.createDirectories(unit.getParent());
        Files.writeString(unit, "[Service]\nExecStart=/usr/bin/alloy run /etc/alloy/config.alloy\n");
        assertThatThrownBy(services::removeUserUnit).hasMessageContaining("was not written by Alloy Companion");
        assertThat(unit).exists();
        assertThat(runner.commands()).hasSize(4);
    }

    @Test
    void windowsSavesTheConfigThenRunsTheOfficialUninstallerElevated() throws Exception {
        Path installDir = Files.createDirectories(home.resolve("Program Files/GrafanaLabs/Alloy"));
        Path uninstaller = Files.writeString(installDir.resolve("uninstall.exe"), "MZ");
        Files.writeString(installDir.resolve("config.alloy"), "logging { level = \"debug\" }\n");
        List<String> command = ServiceInstaller.windowsUninstallerCommand(uninstaller);
        assertThat(command).containsExactly("powershell", "-NoProfile", "-NonInteractive", "-Command",
                "$p = Start-Process -FilePath '" + uninstaller + "' -ArgumentList '/S' -Verb RunAs -Wait -PassThru; exit $p.ExitCode");
        var runner = new FakeCommandRunner().answer(command, 0, "");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64,
                Map.of("ProgramFiles", home.resolve("Program Files").toString()), home);

        String done = new ServiceSetup(env, runner).uninstall(home.resolve("backups"));

        List<Path> saved;
        try (var files = Files.list(home.resolve("backups"))) {
            saved = files.toList();
        }
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0)).content().isEqualTo("logging { level = \"debug\" }\n");
        assertThat(done).isEqualTo("Removed the Windows service Alloy. Its config.alloy was saved as " + saved.get(0) + ".");
        assertThat(runner.commands()).containsExactly(command);

        var declined = new FakeCommandRunner().answer(command, new CommandResult(1223, "", "This operation was canceled by the user.", false));
        assertThatThrownBy(() -> new ServiceInstaller(env, declined).runWindowsUninstaller(installDir, home.resolve("backups")))
                .hasMessageContaining("UAC prompt was declined").hasMessageContaining("Nothing was removed");
        try (var files = Files.list(home.resolve("backups"))) {
            assertThat(files).as("the second backup got a name of its own, the first is intact").hasSize(2);
        }
        assertThat(saved.get(0)).content().isEqualTo("logging { level = \"debug\" }\n");
    }

    @Test
    void windowsWithoutTheOfficialInstallRunsNothing() {
        var runner = new FakeCommandRunner();
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of("ProgramFiles", home.toString()), home);
        assertThatThrownBy(() -> new ServiceSetup(env, runner).uninstall(home.resolve("backups")))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(InstallException.Kind.NOT_FOUND))
                .hasMessageContaining("uninstall.exe does not exist");
        assertThat(runner.commands()).isEmpty();
        assertThat(home.resolve("backups")).doesNotExist();
    }
}
