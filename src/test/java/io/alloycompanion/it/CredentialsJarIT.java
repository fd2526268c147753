package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.testsupport.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": `credentials add` + `credentials test --json` through the real jar, against a real
 * Prometheus requiring basic auth, with the token in the real Secret Service (gnome-keyring) and in no file.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CredentialsJarIT {

    @TempDir
    Path temp;

    private String profile;

    @AfterEach
    void removeProfile() throws Exception {
        if (profile != null) {
            JarProcess.run(temp.resolve("app"), "credentials", "remove", "--profile", profile);
        }
    }

    @Test
    void addThenTestAgainstARealPrometheusWithTheTokenOnlyInTheKeyring() throws Exception {
        TestServices.require("DBUS_SESSION_BUS_ADDRESS", "D-Bus session with gnome-keyring");
        String url = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_URL", "Prometheus");
        String user = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_USER", "Prometheus");
        String password = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD", "Prometheus");
        Path home = temp.resolve("app");
        profile = "it-" + UUID.randomUUID().toString().substring(0, 8);

        JarProcess.Result added = JarProcess.run(home, (password + "\n").getBytes(StandardCharsets.UTF_8),
                "credentials", "add", "--profile", profile, "--metrics-url", url + "/api/v1/write",
                "--metrics-user", user, "--token-stdin");
        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(secretToolLookup(profile)).isEqualTo(password);

        JarProcess.Result tested = JarProcess.run(home, "credentials", "test", "--profile", profile, "--json");
        assertThat(tested.exitCode()).as(tested.stdout() + tested.stderr()).isZero();
        assertThat(tested.stdout()).contains("\"signal\" : \"metrics\",\n    \"outcome\" : \"ok\"").contains("\"status\" : 204");

        JarProcess.Result wrong = JarProcess.run(home, "wrong-token-for-this-test\n".getBytes(StandardCharsets.UTF_8),
                "credentials", "test", "--profile", profile, "--json", "--token-stdin");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stdout()).contains("\"problem\" : \"unauthorized\"").contains("\"status\" : 401")
                .contains("'" + user + "' is the wrong username for metrics").contains("hmInstancePromId");

        assertThat(filesContaining(home, password)).isEmpty();
        assertThat(filesContaining(Path.of("").toAbsolutePath(), password)).isEmpty();
        for (JarProcess.Result result : List.of(added, tested, wrong)) {
            assertThat(result.stdout() + result.stderr()).doesNotContain(password);
        }
    }

    /** What the Secret Service holds for the profile, read with GNOME's own tool, not through the app. */
    private static String secretToolLookup(String profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("secret-tool", "lookup", "service", "alloy-companion",
                "account", "profile/" + profile).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("/.git/") && !file.toString().contains("/target/"))
                    .filter(file -> contains(file, bytes)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            if (Files.size(file) > 20_000_000) {
                return false;
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false;
        }
    }
}
