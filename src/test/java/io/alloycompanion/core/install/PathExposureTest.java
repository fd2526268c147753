package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.FakeCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathExposureTest {

    @TempDir
    Path home;

    @Test
    void posixLinksIntoLocalBinAndSaysWhenThatIsNotOnPath() throws Exception {
        Path bin = Files.createDirectories(home.resolve("alloy/bin"));
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", "/usr/bin:/bin"), home);

        PathExposure.Result result = new PathExposure(env, new FakeCommandRunner()).expose(bin);

        assertThat(result.changed()).isTrue();
        assertThat(Files.readSymbolicLink(home.resolve(".local/bin/alloy"))).isEqualTo(bin.resolve("alloy"));
        assertThat(result.message()).contains("is not on your PATH").contains("export PATH=\"$HOME/.local/bin:$PATH\"");

        var onPath = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", home.resolve(".local/bin") + ":/usr/bin"), home);
        PathExposure.Result again = new PathExposure(onPath, new FakeCommandRunner()).expose(bin);
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).doesNotContain("not on your PATH");
    }

    @Test
    void posixNeverReplacesAFileItDidNotMake() throws Exception {
        Files.createDirectories(home.resolve(".local/bin"));
        Files.writeString(home.resolve(".local/bin/alloy"), "someone else's");
        var env = new Environment(OperatingSystem.MACOS, Architecture.ARM64, Map.of(), home);
        assertThatThrownBy(() -> new PathExposure(env, new FakeCommandRunner()).expose(home.resolve("alloy/bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a link made by this app");
        assertThat(home.resolve(".local/bin/alloy")).hasContent("someone else's");
    }

    @Test
    void windowsAppendsToTheUserPathAsExpandableStringAndBroadcasts() throws Exception {
        String current = "%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;C:\\Tools";
        String bin = "C:\\Users\\dev\\AppData\\Local\\AlloyCompanion\\data\\alloy\\bin";
        List<String> add = List.of("reg", "add", "HKCU\\Environment", "/v", "Path", "/t", "REG_EXPAND_SZ", "/d",
                current + ";" + bin, "/f");
        var runner = new FakeCommandRunner()
                .answer(PathExposure.QUERY_USER_PATH, 0, base64(current) + "\r\n")
                .answer(add, 0, "The operation completed successfully.\r\n")
                .answer(PathExposure.BROADCAST, 0, "");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);

        PathExposure.Result result = new PathExposure(env, runner).expose(Path.of(bin));

        assertThat(result.changed()).isTrue();
        assertThat(runner.commands()).containsExactly(PathExposure.QUERY_USER_PATH, add, PathExposure.BROADCAST);
        assertThat(runner.commands()).noneMatch(command -> command.contains("setx"));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void windowsNeverWritesAPathItCouldNotRead() {
        var runner = new FakeCommandRunner().answer(PathExposure.QUERY_USER_PATH,
                new io.alloycompanion.core.platform.CommandResult(1, "", "Access is denied.", false));
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        assertThatThrownBy(() -> new PathExposure(env, runner).expose(Path.of("C:\\alloy\\bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("left as it is");
        assertThat(runner.commands()).containsExactly(PathExposure.QUERY_USER_PATH);
    }

    @Test
    void windowsKeepsNonAsciiEntriesIntact() throws Exception {
        String current = "C:\\Users\\José\\bin;%LOCALAPPDATA%\\Programs";
        String bin = "C:\\alloy\\bin";
        List<String> add = List.of("reg", "add", "HKCU\\Environment", "/v", "Path", "/t", "REG_EXPAND_SZ", "/d",
                current + ";" + bin, "/f");
        var runner = new FakeCommandRunner().answer(PathExposure.QUERY_USER_PATH, 0, base64(current))
                .answer(add, 0, "").answer(PathExposure.BROADCAST, 0, "");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        assertThat(new PathExposure(env, runner).expose(Path.of(bin)).changed()).isTrue();
        assertThat(runner.commands()).contains(add);
    }

    @Test
    void windowsLeavesThePathAloneWhenTheFolderIsThere() throws Exception {
        String bin = "C:\\alloy\\bin";
        var runner = new FakeCommandRunner()
                .answer(PathExposure.QUERY_USER_PATH, 0, base64("C:\\Tools;c:\\alloy\\bin\\") + "\r\n");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64, Map.of(), home);
        assertThat(new PathExposure(env, runner).expose(Path.of(bin)).changed()).isFalse();
        assertThat(runner.commands()).containsExactly(PathExposure.QUERY_USER_PATH);
    }
}
