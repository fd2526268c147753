package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.testsupport.TestServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's command line, with no display, as the contract in DESIGN.md describes it. */
class CliJarIT {

    @TempDir
    Path temp;

    @Test
    void versionAndHelpWorkWithoutADisplay() throws Exception {
        var version = JarProcess.run(temp.resolve("home"), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches("alloy-companion \\d+\\.\\d+\\.\\d+\\S*\\R");

        var help = JarProcess.run(temp.resolve("home"), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: alloy-companion").contains("doctor");
        assertThat(help.stderr()).doesNotContain("Exception");
    }

    @Test
    void doctorJsonDescribesThisMachine() throws Exception {
        var doctor = JarProcess.run(temp.resolve("home"), "doctor", "--json");
        assertThat(doctor.exitCode()).as(doctor.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(doctor.stdout());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("display").get("available").asBoolean()).isFalse();
        assertThat(json.get("java").get("version").asText()).isNotBlank();
        assertThat(json.get("ports")).hasSize(3);
        assertThat(json.get("directories").get("config").asText()).isEqualTo(temp.resolve("home/config").toString());
        // With the test services running (always under CI=true), the jar must find the engine and the keychain.
        if (TestServices.onCi() || TestServices.optional("DOCKER_HOST").isPresent()) {
            TestServices.require("DOCKER_HOST", "Docker engine");
            assertThat(json.get("docker").get("reachable").asBoolean()).as(json.get("docker").toString()).isTrue();
        }
        if (TestServices.onCi() || TestServices.optional("DBUS_SESSION_BUS_ADDRESS").isPresent()) {
            TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
            assertThat(json.get("keychain").get("usable").asBoolean()).as(json.get("keychain").toString()).isTrue();
        }
    }

    @Test
    void theDesktopAppExplainsWhenThereIsNoDisplay() throws Exception {
        var gui = JarProcess.run(temp.resolve("home"));
        assertThat(gui.exitCode()).isEqualTo(2);
        assertThat(gui.stderr()).contains("no display").contains("alloy-companion --help");
    }

    @Test
    void theWindowsCtrlCHelperEntryIsRoutedBeforeAnythingElse() throws Exception {
        // The app starts itself with this argument on Windows to stop Alloy; elsewhere kernel32 is missing: exit 3.
        var helper = JarProcess.run(temp.resolve("home"), "--internal-console-interrupt", "1");
        assertThat(helper.exitCode()).as(helper.stderr()).isEqualTo(3);
        assertThat(helper.stdout()).isEmpty();
        assertThat(temp.resolve("home")).as("no app folders, no log: the helper is not the app").doesNotExist();
    }
}
