package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.ReleaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar installs Alloy from a mirror on loopback, and refuses a tampered one. */
class InstallJarIT {

    private static final String ZIP = "alloy-linux-amd64.zip";

    @TempDir
    Path temp;

    private ReleaseServer server;

    @BeforeEach
    void start() {
        assumeTrue(OperatingSystem.current() == OperatingSystem.LINUX, "the release served here is the Linux amd64 asset");
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"), "the release served here is the Linux amd64 asset");
        server = new ReleaseServer().publish("v1.18.0", ZIP);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void installsAWorkingBinaryFromAMirror() throws Exception {
        Path dir = temp.resolve("D");
        var result = JarProcess.run(temp.resolve("home"), "install", "--mirror", server.base(), "--version", "v1.18.0",
                "--dir", dir.toString(), "--json");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("version").asText()).isEqualTo("v1.18.0");
        assertThat(json.get("mode").asText()).isEqualTo("per-user");
        assertThat(result.stderr()).contains("Checksum verified");

        Process alloy = new ProcessBuilder(json.get("path").asText(), "--version").redirectErrorStream(true).start();
        String output = new String(alloy.getInputStream().readAllBytes());
        assertThat(alloy.waitFor()).isZero();
        assertThat(output).startsWith("alloy, version v1.18.0 ");

        var uninstall = JarProcess.run(temp.resolve("home"), "uninstall", "--dir", dir.toString(), "--all");
        assertThat(uninstall.exitCode()).as(uninstall.stderr()).isZero();
        assertThat(uninstall.stdout()).isEqualTo("Removed Alloy v1.18.0\n");
        assertThat(dir.resolve("versions/v1.18.0")).doesNotExist();
    }

    @Test
    void aTamperedMirrorLeavesTheFolderAsItWasAndExitsOne() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("D"));
        Files.writeString(dir.resolve("keep-me.txt"), "mine");
        byte[] zip = server.get("/releases/v1.18.0/" + ZIP).clone();
        zip[zip.length - 10] ^= 0x01;
        server.put("/releases/v1.18.0/" + ZIP, zip);

        var result = JarProcess.run(temp.resolve("home"), "install", "--mirror", server.base(), "--version", "v1.18.0",
                "--dir", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Checksum mismatch");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files).containsExactlyInAnyOrder(dir, dir.resolve("keep-me.txt"));
        }
    }
}
