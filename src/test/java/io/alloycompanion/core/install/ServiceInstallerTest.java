package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.FakeCommandRunner;
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
}
