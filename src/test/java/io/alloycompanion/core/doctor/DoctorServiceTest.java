package io.alloycompanion.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.doctor.DoctorReport.Finding;
import io.alloycompanion.core.doctor.DoctorReport.Severity;
import io.alloycompanion.core.doctor.DoctorReport.Subject;
import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.AlloyInstallations;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.DisplayProbe;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.KeychainStatus;
import io.alloycompanion.core.stack.DockerEndpoint;
import io.alloycompanion.core.stack.DockerEngineStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorServiceTest {

    @TempDir
    Path temp;

    static final DockerEndpoint ENDPOINT = new DockerEndpoint("unix:///var/run/docker.sock", "default socket");

    static DoctorService.Probes healthyProbes() {
        return new DoctorService.Probes(() -> ENDPOINT,
                () -> new DockerEngineStatus(ENDPOINT, true, Optional.of("27.3.1"), Optional.of("1.47"), Optional.empty()),
                () -> new KeychainStatus(true, Optional.of("GNOME_KEYRING"), Optional.empty()),
                () -> new AlloyInstallations(List.of(new AlloyBinary(Path.of("/usr/bin/alloy"), "PATH", Optional.of("v1.18.0"),
                        Optional.empty())), List.of()),
                (binary, source) -> new AlloyBinary(binary, source, Optional.of("v1.17.0"), Optional.empty()),
                port -> true,
                () -> new DisplayProbe.Display(true, "DISPLAY=:99"));
    }

    private DoctorService doctor(DoctorService.Probes probes, Duration timeout) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), temp);
        AppDirectories dirs = AppDirectories.resolve(new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.resolve("home").toString()), temp));
        return new DoctorService(env, dirs, probes, timeout);
    }

    @Test
    void aHealthyMachineHasOnlyOkFindingsAndReportsProgressForEveryProbe() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        DoctorReport report = doctor(healthyProbes(), Duration.ofSeconds(5))
                .run((probe, done, total) -> progress.add(probe + ":" + total));

        assertThat(report.schemaVersion()).isEqualTo(1);
        assertThat(report.findings()).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(report.findings()).extracting(Finding::subject).containsExactly(Subject.DISPLAY, Subject.DOCKER,
                Subject.KEYCHAIN, Subject.PORTS, Subject.ALLOY, Subject.DIRECTORIES);
        assertThat(report.hasFailures()).isFalse();
        assertThat(report.ports()).extracting(DoctorReport.PortStatus::port).containsExactly(12345, 4317, 4318);
        assertThat(progress).containsExactlyInAnyOrder("docker:5", "keychain:5", "alloy:5", "ports:5", "directories:5");
        assertThat(Files.isDirectory(temp.resolve("home/config"))).isTrue();
    }

    @Test
    void missingPiecesAreWarningsThatSayWhatToDo() throws Exception {
        var base = healthyProbes();
        var probes = new DoctorService.Probes(base.dockerEndpoint(),
                () -> new DockerEngineStatus(ENDPOINT, false, Optional.empty(), Optional.empty(), Optional.of("connection refused.")),
                () -> new KeychainStatus(false, Optional.empty(), Optional.of("no D-Bus session")),
                () -> new AlloyInstallations(List.of(), List.of()),
                base.inspectAlloy(),
                port -> port != 4318,
                () -> new DisplayProbe.Display(false, "neither DISPLAY nor WAYLAND_DISPLAY is set"));

        DoctorReport report = doctor(probes, Duration.ofSeconds(5)).run((probe, done, total) -> { });

        assertThat(report.hasFailures()).isFalse();
        assertThat(report.findings()).filteredOn(finding -> finding.severity() == Severity.WARN)
                .extracting(Finding::subject)
                .containsExactly(Subject.DISPLAY, Subject.DOCKER, Subject.KEYCHAIN, Subject.PORTS, Subject.ALLOY);
        assertThat(message(report, Subject.PORTS)).contains("4318 (OTLP HTTP receiver)").doesNotContain("4317");
        assertThat(message(report, Subject.DOCKER)).contains("connection refused").contains("Only the local stack");
        assertThat(message(report, Subject.ALLOY)).contains("not installed");
    }

    @Test
    void aHangingProbeIsCutOffAndReportedInsteadOfStallingTheReport() throws Exception {
        var base = healthyProbes();
        var probes = new DoctorService.Probes(base.dockerEndpoint(), () -> {
            Thread.sleep(30_000);
            return null;
        }, base.keychain(), base.alloy(), base.inspectAlloy(), base.portFree(), base.display());

        long start = System.nanoTime();
        DoctorReport report = doctor(probes, Duration.ofMillis(300)).run((probe, done, total) -> { });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(report.docker().reachable()).isFalse();
        assertThat(report.docker().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("did not answer"));
    }

    @Test
    void anAlloyBinaryNamedByTheUserIsCheckedAndListedFirst() throws Exception {
        DoctorReport report = doctor(healthyProbes(), Duration.ofSeconds(5))
                .run((probe, done, total) -> { }, Optional.of(Path.of("/opt/alloy/alloy")), "--alloy-binary");
        assertThat(report.alloy()).extracting(AlloyBinary::source).containsExactly("--alloy-binary", "PATH");
        assertThat(report.alloy().get(0).version()).contains("v1.17.0");
    }

    @Test
    void unwritableAppFoldersAreAFailure() throws Exception {
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "file");
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of(), temp);
        AppDirectories dirs = new AppDirectories(blocker.resolve("config"), blocker.resolve("data"),
                blocker.resolve("logs"), blocker.resolve("cache"));
        DoctorReport report = new DoctorService(env, dirs, healthyProbes()).run((probe, done, total) -> { });
        assertThat(report.hasFailures()).isTrue();
        assertThat(message(report, Subject.DIRECTORIES)).contains("ALLOY_COMPANION_HOME");
    }

    private static String message(DoctorReport report, Subject subject) {
        return report.findings().stream().filter(finding -> finding.subject() == subject).findFirst().orElseThrow().message();
    }
}
