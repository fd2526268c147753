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
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.testsupport.ReleaseServer;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", temp.resolve("empty").toString()), temp);
        var runner = new ProcessCommandRunner();
        Downloader downloader = new Downloader(ProxySelector.of(null));
        return new InstallStep(temp.resolve("alloy"), new AlloyDetector(env, runner, temp.resolve("alloy"), temp.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror(mirror.orElse(server.base()), downloader), runner,
                        OperatingSystem.LINUX, Architecture.AMD64),
                executor, new Localization(Locale.ENGLISH));
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
