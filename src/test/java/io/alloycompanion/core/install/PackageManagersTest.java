package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.install.PackageManagers.Manager;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageManagersTest {

    @Test
    void runsTheExactCommandsAndPassesTheOutputOn() throws Exception {
        var runner = new FakeCommandRunner()
                .answer(List.of("winget", "install", "--id", "GrafanaLabs.Alloy", "--exact", "--accept-package-agreements",
                        "--accept-source-agreements"), 0, "Found Grafana Alloy [GrafanaLabs.Alloy]\nSuccessfully installed\n")
                .answer(List.of("scoop", "install", "alloy"), 0, "")
                .answer(List.of("brew", "install", "grafana/grafana/alloy"), 0, "");
        List<String> lines = new ArrayList<>();
        PackageManagers managers = new PackageManagers(runner);
        managers.install(Manager.WINGET, lines::add);
        managers.install(Manager.SCOOP, lines::add);
        managers.install(Manager.BREW, lines::add);
        assertThat(lines).containsExactly("Found Grafana Alloy [GrafanaLabs.Alloy]", "Successfully installed");
        assertThat(runner.commands()).extracting(command -> command.get(0)).containsExactly("winget", "scoop", "brew");
    }

    @Test
    void failuresAndMissingToolsAreExplained() {
        var failing = new FakeCommandRunner().answer(List.of("scoop", "install", "alloy"), new CommandResult(1, "bucket missing", "", false));
        assertThatThrownBy(() -> new PackageManagers(failing).install(Manager.SCOOP, line -> { })).hasMessageContaining("failed (exit 1)");
        assertThatThrownBy(() -> new PackageManagers(new FakeCommandRunner()).install(Manager.BREW, line -> { }))
                .hasMessageContaining("brew is not installed here");
        assertThatThrownBy(() -> new PackageManagers(new FakeCommandRunner()).install(Manager.APT, line -> { }))
                .hasMessageContaining("https://apt.grafana.com").hasMessageContaining("apt-get install -y alloy")
                .hasMessageContaining("install --via apt --yes");
        assertThat(Manager.parse("Winget")).contains(Manager.WINGET);
        assertThat(Manager.parse("chocolatey")).isEmpty();
    }

    @Test
    void theDistributionPackagesRunTheirRootScriptWithTheChosenElevation() throws Exception {
        String apt = Manager.APT.rootScript().orElseThrow();
        var runner = new FakeCommandRunner()
                .answer(List.of("sudo", "--", "/bin/sh", "-c", apt), 0, "Reading package lists...\n")
                .answer(List.of("/bin/sh", "-c", Manager.DNF.rootScript().orElseThrow()), 0, "Complete!\n");
        List<String> lines = new ArrayList<>();
        new PackageManagers(runner).installAgreed(Manager.APT, PackageManagers.Elevation.SUDO, lines::add);
        new PackageManagers(runner).installAgreed(Manager.DNF, PackageManagers.Elevation.NONE, lines::add);
        assertThat(lines).containsExactly("Reading package lists...", "Complete!");
        assertThat(Manager.WINGET.needsAdministrator()).isFalse();
        assertThat(Manager.APT.needsAdministrator()).isTrue();

        var failing = new FakeCommandRunner().answer(List.of("pkexec", "/bin/sh", "-c", apt), new CommandResult(100, "E: Unable to locate package alloy", "", false));
        assertThatThrownBy(() -> new PackageManagers(failing).installAgreed(Manager.APT, PackageManagers.Elevation.PKEXEC, line -> { }))
                .hasMessage("apt failed (exit 100); its output is above.");
        var refused = new FakeCommandRunner().answer(List.of("pkexec", "/bin/sh", "-c", apt), new CommandResult(127, "", "", false));
        assertThatThrownBy(() -> new PackageManagers(refused).installAgreed(Manager.APT, PackageManagers.Elevation.PKEXEC, line -> { }))
                .hasMessageContaining("nothing was installed");
    }

    @Test
    void theRootScriptsAreValidShellThatAddsTheRepositoryOnlyOnce() throws Exception {
        for (Manager manager : List.of(Manager.APT, Manager.DNF)) {
            String script = manager.rootScript().orElseThrow();
            Process check = new ProcessBuilder("sh", "-n", "-c", script).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(manager + ": " + output).isZero();
            assertThat(script).startsWith("set -e\n").contains("if ! grep -rqs");
        }
        assertThat(Manager.APT.rootScript().orElseThrow())
                .contains("signed-by=/etc/apt/keyrings/grafana.asc").contains("https://apt.grafana.com/gpg.key");
        assertThat(Manager.DNF.rootScript().orElseThrow()).contains("gpgkey=https://rpm.grafana.com/gpg.key")
                .contains("repo_gpgcheck=1").endsWith("dnf install -y alloy");
    }
}
