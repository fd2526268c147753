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
                .hasMessageContaining("https://apt.grafana.com").hasMessageContaining("sudo apt install alloy");
        assertThat(Manager.parse("Winget")).contains(Manager.WINGET);
        assertThat(Manager.parse("chocolatey")).isEmpty();
    }
}
