package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.testsupport.ReleaseServer;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs from a real HTTP server on loopback, with the stand-in binary run for real (Linux per-user path). */
class AlloyInstallerTest {

    private static final String ZIP = "alloy-linux-amd64.zip";

    @TempDir
    Path temp;

    private ReleaseServer server;
    private final List<String> steps = new ArrayList<>();
    private final InstallListener listener = new InstallListener() {
        @Override
        public void step(InstallEvent event) {
            steps.add(event.english());
        }

        @Override
        public void progress(long done, long total, double bytesPerSecond) {
        }
    };

    @BeforeEach
    void start() {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX shell script");
        server = new ReleaseServer().publish("v1.18.0", ZIP, "alloy-darwin-arm64.zip").publish("v1.17.1", ZIP).latest("v1.18.0");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AlloyInstaller installer(OperatingSystem os, Architecture arch) {
        Downloader downloader = new Downloader(ProxySelector.of(null));
        return new AlloyInstaller(downloader, ReleaseSource.mirror(server.base(), downloader), new ProcessCommandRunner(), os, arch);
    }

    private InstallResult install(String version, Path dir) throws Exception {
        return installer(OperatingSystem.LINUX, Architecture.AMD64).install(Optional.ofNullable(version), dir, listener, () -> false);
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void installsAVerifiedBinaryThatRunsAndMakesItActive() throws Exception {
        Path dir = temp.resolve("alloy");
        InstallResult result = install("v1.18.0", dir);

        assertThat(result.version()).isEqualTo("v1.18.0");
        assertThat(result.path()).isEqualTo(dir.resolve("versions/v1.18.0/alloy-linux-amd64"));
        assertThat(result.sha256()).isEqualTo(ReleaseServer.sha256(server.get("/releases/v1.18.0/" + ZIP)));
        CommandResult version = new ProcessCommandRunner().run(List.of(dir.resolve("bin/alloy").toString(), "--version"), Duration.ofSeconds(10));
        assertThat(version.stdout()).startsWith("alloy, version v1.18.0 ");
        assertThat(AlloyInstaller.active(dir)).contains("v1.18.0");
        assertThat(filesUnder(dir.resolve("downloads"))).isEmpty();
        assertThat(steps).anyMatch(step -> step.startsWith("Checksum verified"));
    }

    @Test
    void latestComesFromTheMirrorAndThePreviousVersionIsKeptForRollback() throws Exception {
        Path dir = temp.resolve("alloy");
        install("v1.17.1", dir);
        InstallResult latest = install(null, dir);
        assertThat(latest.version()).isEqualTo("v1.18.0");
        assertThat(AlloyInstaller.installed(dir)).containsExactly("v1.17.1", "v1.18.0");
        assertThat(Files.readSymbolicLink(dir.resolve("bin/alloy")).toString()).isEqualTo("../versions/v1.18.0/alloy-linux-amd64");

        installer(OperatingSystem.LINUX, Architecture.AMD64).activateInstalled(dir, "v1.17.1");
        assertThat(AlloyInstaller.active(dir)).contains("v1.17.1");
        assertThat(Files.readSymbolicLink(dir.resolve("bin/alloy")).toString()).isEqualTo("../versions/v1.17.1/alloy-linux-amd64");
        installer(OperatingSystem.LINUX, Architecture.AMD64).activateInstalled(dir, "v1.18.0");
        assertThatThrownBy(() -> installer(OperatingSystem.LINUX, Architecture.AMD64).activateInstalled(dir, "v1.0.0"))
                .hasMessageContaining("installed: v1.17.1, v1.18.0");

        assertThat(AlloyInstaller.uninstall(dir, Optional.of("v1.18.0"))).containsExactly("v1.18.0");
        assertThat(AlloyInstaller.active(dir)).isEmpty();
        assertThat(dir.resolve("bin/alloy")).doesNotExist();
        assertThat(AlloyInstaller.uninstall(dir, Optional.empty())).containsExactly("v1.17.1");
        assertThat(AlloyInstaller.installed(dir)).isEmpty();
    }

    @Test
    void aTamperedZipIsRejectedAndNothingIsLeftBehind() throws Exception {
        byte[] zip = server.get("/releases/v1.18.0/" + ZIP).clone();
        zip[zip.length / 2] ^= 0x5A;
        server.put("/releases/v1.18.0/" + ZIP, zip);
        Path dir = temp.resolve("alloy");

        assertThatThrownBy(() -> install("v1.18.0", dir))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CHECKSUM))
                .hasMessageContaining("Checksum mismatch for " + ZIP);
        assertThat(dir).as("nothing of the attempt is left").doesNotExist();
        assertThat(AlloyInstaller.active(dir)).isEmpty();
    }

    @Test
    void aMissingChecksumLineFailsClosed() {
        server.put("/releases/v1.18.0/SHA256SUMS", ("0".repeat(64) + "  alloy-darwin-arm64.zip\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> install("v1.18.0", temp.resolve("alloy")))
                .hasMessageContaining("has no line for " + ZIP);
    }

    @Test
    void anUnknownVersionIsNotFoundAndLeavesNoFolderBehind() {
        Path dir = temp.resolve("alloy");
        assertThatThrownBy(() -> install("v9.9.9", dir))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("HTTP 404");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aVersionThatCouldLeaveTheFolderIsRefused() throws Exception {
        Path dir = temp.resolve("alloy");
        assertThatThrownBy(() -> install("v1.18.0/../..", dir)).hasMessageContaining("is not a release version");
        assertThatThrownBy(() -> AlloyInstaller.uninstall(dir, Optional.of("v1.18.0/../.."))).hasMessageContaining("is not a release version");
        server.latest("v1.18.0/../../x");
        assertThatThrownBy(() -> install(null, dir)).hasMessageContaining("does not hold a version tag");
        assertThat(temp.resolve("alloy")).doesNotExist();
    }

    @Test
    void aWebPageInsteadOfTheChecksumsIsNamedAsSuch() {
        server.serveHtmlFor("/releases/v1.18.0/SHA256SUMS");
        assertThatThrownBy(() -> install("v1.18.0", temp.resolve("alloy")))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_ZIP))
                .hasMessageContaining("captive portal");
    }

    @Test
    void aWebPageInsteadOfTheZipIsNamedAsSuch() throws Exception {
        server.serveHtmlFor("/releases/v1.18.0/" + ZIP);
        Path dir = temp.resolve("alloy");
        assertThatThrownBy(() -> install("v1.18.0", dir))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_ZIP))
                .hasMessageContaining("captive portal");
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void aConnectionCutMidDownloadIsResumedWithARangeRequest() throws Exception {
        server.cutFirstDownloadAfter("/releases/v1.18.0/" + ZIP, 100);
        InstallResult result = install("v1.18.0", temp.resolve("alloy"));
        assertThat(result.version()).isEqualTo("v1.18.0");
        assertThat(server.requests()).contains("/releases/v1.18.0/" + ZIP + " bytes=100-");
    }

    @Test
    void aFolderThatCannotBeWrittenIsReported() throws Exception {
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> install("v1.18.0", blocker.resolve("alloy")))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FILESYSTEM))
                .hasMessageContaining("--dir");
    }

    @Test
    void aPlatformAlloyDoesNotBuildForIsExplained() {
        assertThatThrownBy(() -> installer(OperatingSystem.LINUX, Architecture.OTHER)
                .install(Optional.of("v1.18.0"), temp.resolve("alloy"), listener, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_PLATFORM))
                .hasMessageContaining("no build for linux/other");
    }

    @Test
    void aFullDiskIsNamedAsSuchAndLeavesNothingBehind() throws Exception {
        // A channel that fails like a full disk once 100 bytes are written.
        Downloader.FileOpener fullDisk = (target, mode) -> new java.io.FilterOutputStream(
                Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE, mode)) {
            private int written;

            @Override
            public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                if (written + length > 100) {
                    throw new java.io.IOException("No space left on device");
                }
                written += length;
                out.write(bytes, offset, length);
            }
        };
        Downloader downloader = new Downloader(ProxySelector.of(null), fullDisk);
        AlloyInstaller installer = new AlloyInstaller(downloader, ReleaseSource.mirror(server.base(), downloader),
                new ProcessCommandRunner(), OperatingSystem.LINUX, Architecture.AMD64);
        Path dir = temp.resolve("alloy");

        assertThatThrownBy(() -> installer.install(Optional.of("v1.18.0"), dir, listener, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FILESYSTEM))
                .hasMessageContaining("No space left on device").hasMessageContaining("disk full");
        assertThat(dir).doesNotExist();
        assertThat(server.requests()).filteredOn(request -> request.endsWith(".zip")).hasSize(1)
                .as("a full disk is not retried like a network error");
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        Path dir = temp.resolve("alloy");
        assertThatThrownBy(() -> installer(OperatingSystem.LINUX, Architecture.AMD64)
                .install(Optional.of("v1.18.0"), dir, listener, () -> true))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void cancellingAStalledDownloadStopsAtOnceNotAfterTheReadTimeout() throws Exception {
        server.publish("v1.19.0", 200_000, ZIP);
        server.throttle("/releases/v1.19.0/" + ZIP, 20_000); // 1 KB, then nothing for 20 s
        AtomicBoolean cancelled = new AtomicBoolean();
        InstallListener cancelOnFirstBytes = new InstallListener() {
            @Override
            public void step(InstallEvent event) {
            }

            @Override
            public void progress(long done, long total, double bytesPerSecond) {
                cancelled.set(true); // the user presses Cancel while the next read hangs
            }
        };
        Path dir = temp.resolve("alloy");
        long began = System.nanoTime();
        assertThatThrownBy(() -> installer(OperatingSystem.LINUX, Architecture.AMD64)
                .install(Optional.of("v1.19.0"), dir, cancelOnFirstBytes, cancelled::get))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(took).as("cancel aborts the blocked read").isLessThan(Duration.ofSeconds(5));
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void aBinaryThatDoesNotRunIsNotActivated() throws Exception {
        byte[] zip = io.alloycompanion.testsupport.AlloyStandIn.zip("alloy-linux-amd64", "#!/bin/sh\nexit 3\n".getBytes(StandardCharsets.UTF_8));
        server.put("/releases/v1.18.0/" + ZIP, zip);
        server.put("/releases/v1.18.0/SHA256SUMS", (ReleaseServer.sha256(zip) + "  " + ZIP + "\n").getBytes(StandardCharsets.UTF_8));
        Path dir = temp.resolve("alloy");
        assertThatThrownBy(() -> install("v1.18.0", dir))
                .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BROKEN_BINARY));
        assertThat(AlloyInstaller.installed(dir)).isEmpty();
    }
}
