package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlloyDetectorTest {

    @TempDir
    Path temp;

    private static String version(String tag) {
        return "alloy, version " + tag + " (branch: HEAD, revision: 1a2b3c4d5)\n";
    }

    private Path binary(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path.toRealPath();
    }

    @Test
    void linuxFindsPathTheAppThePackageAndTheSystemdUnit() throws Exception {
        Path root = temp.resolve("root");
        Path onPath = binary(temp.resolve("somewhere/bin/alloy"));
        Path packaged = binary(root.resolve("usr/bin/alloy"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path app = binary(temp.resolve("app/versions/v1.18.0/alloy-linux-amd64"));
        Files.writeString(temp.resolve("app/active"), "v1.18.0\n");
        var runner = new FakeCommandRunner()
                .answer(List.of(onPath.toString(), "--version"), 0, version("v1.16.0"))
                .answer(List.of(packaged.toString(), "--version"), 0, version("v1.17.0"))
                .answer(List.of(app.toString(), "--version"), 0, version("v1.18.0"))
                .answer(AlloyDetector.SYSTEMD_UNIT, 0, "LoadState=loaded\nActiveState=active\nUnitFileState=enabled\n");
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", onPath.getParent().toString()), home);

        AlloyInstallations found = new AlloyDetector(env, runner, temp.resolve("app"), root).detect();

        assertThat(found.binaries()).extracting(AlloyBinary::source).containsExactly("PATH", "app", "package");
        assertThat(found.binaries()).extracting(binary -> binary.version().orElse("?")).containsExactly("v1.16.0", "v1.18.0", "v1.17.0");
        assertThat(found.services()).containsExactly(new ServiceStatus("systemd", "alloy.service", true, true, "active, enabled"));

        AlloyDetector detector = new AlloyDetector(env, runner, temp.resolve("app"), root);
        assertThat(detector.chooseToRun(Optional.empty())).as("the app's own install before PATH's").contains(found.binaries().get(1).path());
        assertThat(detector.chooseToRun(Optional.of(packaged))).as("the settings' choice wins").contains(packaged);
    }

    @Test
    void linuxWithoutAUnitHasNoService() throws Exception {
        var runner = new FakeCommandRunner().answer(AlloyDetector.SYSTEMD_UNIT, 0, "LoadState=not-found\nActiveState=inactive\n");
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), temp);
        AlloyInstallations found = new AlloyDetector(env, runner, temp.resolve("app"), temp.resolve("root")).detect();
        assertThat(found.binaries()).isEmpty();
        assertThat(found.services()).isEmpty();
        assertThat(runner.commands()).containsExactly(AlloyDetector.SYSTEMD_UNIT);
    }

    @Test
    void windowsReadsTheInstallersRegistryKeyAndTheServiceState() throws Exception {
        String exe = "C:\\Program Files\\GrafanaLabs\\Alloy\\alloy-windows-amd64.exe";
        var runner = new FakeCommandRunner()
                .answer(AlloyDetector.WINDOWS_REGISTRY, 0, "\r\nHKEY_LOCAL_MACHINE\\Software\\GrafanaLabs\\Alloy\r\n"
                        + "    (Default)    REG_SZ    " + exe + "\r\n")
                .answer(AlloyDetector.WINDOWS_SERVICE, 0, "SERVICE_NAME: Alloy\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n"
                        + "        STATE              : 4  RUNNING\r\n")
                .answer(List.of(exe, "--version"), 0, version("v1.18.0"));
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), temp);

        AlloyInstallations found = new AlloyDetector(env, runner, temp.resolve("app")).detect();

        assertThat(found.binaries()).singleElement().satisfies(binary -> {
            assertThat(binary.source()).isEqualTo("Windows installer");
            assertThat(binary.version()).contains("v1.18.0");
        });
        assertThat(found.services()).containsExactly(new ServiceStatus("Windows service", "Alloy", true, true, "RUNNING"));
        assertThat(runner.commands()).startsWith(AlloyDetector.WINDOWS_REGISTRY);
    }

    @Test
    void macosAsksHomebrew() throws Exception {
        Path prefix = Files.createDirectories(temp.resolve("homebrew"));
        Path brewAlloy = binary(prefix.resolve("bin/alloy"));
        var runner = new FakeCommandRunner()
                .answer(AlloyDetector.BREW_PREFIX, 0, prefix + "\n")
                .answer(AlloyDetector.BREW_SERVICE, new CommandResult(0,
                        "[{\"name\":\"alloy\",\"service_name\":\"homebrew.mxcl.alloy\",\"running\":false,\"status\":\"none\"}]", "", false))
                .answer(List.of(brewAlloy.toString(), "--version"), 0, version("v1.18.0"));
        var env = new Environment(OperatingSystem.MACOS, Architecture.ARM64, Map.of(), temp);

        AlloyInstallations found = new AlloyDetector(env, runner, temp.resolve("app")).detect();

        assertThat(found.binaries()).extracting(AlloyBinary::source).containsExactly("Homebrew");
        assertThat(found.services()).containsExactly(new ServiceStatus("brew services", "alloy", true, false, "none"));
    }
}
