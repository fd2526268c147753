package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.ReleaseServer;
import java.util.ArrayList;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(new ProcessCommandRunner(), args);
    }

    private int run(CommandRunner runner, String... args) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin"), temp.resolve("home"));
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("app").toString()), temp));
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(new byte[0]), account -> new MemorySecretStore(), runner);
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aptShowsTheRootCommandsAndRunsThemOnlyWhenAgreed() {
        var runner = new FakeCommandRunner();
        assertThat(run(runner, "install", "--via", "apt")).as("no terminal to ask on, no --yes").isEqualTo(2);
        assertThat(err.toString()).contains("they run as root").contains("apt-get install -y alloy")
                .contains("Nothing was run. Add --yes to agree");
        assertThat(runner.commands()).isEmpty();

        String script = PackageManagers.Manager.APT.rootScript().orElseThrow();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> expected = new ArrayList<>(root ? List.of() : List.of("sudo", "--"));
        expected.addAll(List.of("/bin/sh", "-c", script));
        runner.answer(expected, 0, "Setting up alloy (1.18.0) ...\n");
        assertThat(run(runner, "install", "--via", "apt", "--yes")).as(err.toString()).isZero();
        assertThat(runner.commands()).containsExactly(expected);
        assertThat(err.toString()).contains("  Setting up alloy (1.18.0) ...");
        assertThat(out.toString()).contains("Installed Alloy with apt.").contains("sudo systemctl enable --now alloy")
                .contains("credentials deliver --to system-service");
    }

    @Test
    void aServiceNeedsAConfigFirst() {
        assertThat(run("install", "--service", "--dir", temp.resolve("alloy").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("The service needs a config").contains("config generate --out");
        assertThat(temp.resolve("alloy")).doesNotExist();
    }

    @Test
    void uninstallServiceLeavesAUnitItDidNotWriteAlone() throws Exception {
        assertThat(run("uninstall", "--service")).isZero();
        assertThat(out.toString()).contains("No systemd user service from Alloy Companion to remove.");

        Path unit = Files.createDirectories(temp.resolve("home/.config/systemd/user")).resolve("alloy.service");
        Files.writeString(unit, "[Service]\nExecStart=/usr/bin/alloy run /etc/alloy/config.alloy\n");
        assertThat(run("uninstall", "--service")).isEqualTo(1);
        assertThat(err.toString()).contains("was not written by Alloy Companion");
        assertThat(unit).exists();
        assertThat(run("uninstall", "--service", "--all")).as("one of --version, --all, --service").isEqualTo(2);
    }

    @Test
    void installsThenRollsBackAndPutsAlloyOnPath() throws Exception {
        assumeTrue(OperatingSystem.current() == OperatingSystem.LINUX, "runs the Linux stand-in");
        try (ReleaseServer server = new ReleaseServer().publish("v1.18.0", "alloy-linux-amd64.zip").publish("v1.17.1", "alloy-linux-amd64.zip")) {
            Path dir = temp.resolve("alloy");
            assertThat(run("install", "--mirror", server.base(), "--version", "v1.17.1", "--dir", dir.toString())).as(err.toString()).isZero();
            assertThat(run("install", "--mirror", server.base(), "--version", "v1.18.0", "--dir", dir.toString(), "--path"))
                    .as(err.toString()).isZero();
            assertThat(Files.readSymbolicLink(temp.resolve("home/.local/bin/alloy"))).isEqualTo(dir.resolve("bin/alloy"));
            assertThat(err.toString()).contains("is not on your PATH");

            assertThat(run("install", "--activate", "v1.17.1", "--dir", dir.toString())).isZero();
            assertThat(out.toString()).contains("Alloy v1.17.1 is active again");
            assertThat(Files.readString(dir.resolve("active")).trim()).isEqualTo("v1.17.1");
            assertThat(run("install", "--activate", "v0.1.0", "--dir", dir.toString())).isEqualTo(1);
        }
    }
}
