package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.AppVersion;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        AppDirectories dirs = AppDirectories.resolve(env);
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(new byte[0]));
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void versionPrintsTheAppNameAndVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).isEqualTo("alloy-companion " + AppVersion.get() + System.lineSeparator());
        assertThat(AppVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheCommandsThatExist() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: alloy-companion").contains("doctor").contains("--version");
    }

    @Test
    void everySubcommandTakesHelp() {
        for (String[] command : new String[][] {{"status"}, {"check"}, {"telemetry", "send"}, {"run"}, {"config", "validate"},
                {"credentials", "add"}, {"install"}, {"uninstall"}, {"reset"}, {"dashboards", "migrate"}, {"dashboards", "import"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            int before = out.toString().length();
            assertThat(run(args)).as(String.join(" ", args) + ": " + err).isZero();
            assertThat(out.toString().substring(before)).as(String.join(" ", args))
                    .startsWith("Usage: alloy-companion " + String.join(" ", command));
            assertThat(err.toString()).doesNotContain("Unknown option");
        }
    }

    @Test
    void doctorJsonIsOneDocumentWithSchemaVersion() throws Exception {
        assertThat(run("doctor", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("system").get("arch").asText()).isEqualTo("amd64");
        assertThat(json.get("java").get("version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(json.get("display").get("available").asBoolean()).isTrue();
        assertThat(json.get("docker").get("reachable").asBoolean()).isTrue();
        assertThat(json.get("docker").get("endpoint").get("address").asText()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(json.get("keychain").get("usable").asBoolean()).isTrue();
        assertThat(json.get("ports")).hasSize(3);
        assertThat(json.get("alloy").get(0).get("version").asText()).isEqualTo("v1.18.0");
        assertThat(json.get("findings").get(0).get("severity").asText()).isEqualTo("OK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void doctorTextNamesEachSubject() {
        assertThat(run("doctor")).isZero();
        assertThat(out.toString()).contains("OK    docker").contains("OK    keychain").contains("Alloy v1.18.0 at /usr/bin/alloy (PATH)");
    }

    @Test
    void doctorChecksTheAlloyChosenInTheSettingsOrOnTheCommandLine() throws Exception {
        java.nio.file.Files.createDirectories(temp.resolve("config"));
        java.nio.file.Files.writeString(temp.resolve("config/settings.json"),
                "{\"schemaVersion\":1,\"alloyBinary\":\"/opt/alloy/alloy\"}");
        assertThat(run("doctor", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("alloy").get(0).get("path").asText()).isEqualTo("/opt/alloy/alloy");
        assertThat(json.get("alloy").get(0).get("source").asText()).isEqualTo("setting");
        out.getBuffer().setLength(0);
        assertThat(run("doctor", "--json", "--alloy-binary", "/usr/local/alloy")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("alloy").get(0).get("source").asText()).isEqualTo("--alloy-binary");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("doctor", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
        assertThat(run("no-such-command")).isEqualTo(2);
    }
}
