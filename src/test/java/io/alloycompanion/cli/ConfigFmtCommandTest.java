package io.alloycompanion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.TestData;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config fmt} against the contract of {@code alloy fmt} (FACTS.md §3). */
class ConfigFmtCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        AppDirectories dirs = AppDirectories.resolve(env);
        var context = new CliContext(env, dirs, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Cli.run(context, new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path copy(String golden) throws Exception {
        Path file = temp.resolve(golden.replace(".in", ".alloy"));
        Files.writeString(file, TestData.read(TestData.root().resolve("printer/" + golden)));
        return file;
    }

    private static String expected(String goldenExpect) {
        return TestData.read(TestData.root().resolve("printer/" + goldenExpect)).stripTrailing() + "\n";
    }

    @Test
    void printsTheFormattedFileWithAFinalNewline() throws Exception {
        Path file = copy("example.in");
        assertThat(run("", "config", "fmt", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(expected("example.expect"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void readsStandardInputWithoutAFileOrWithADash() {
        assertThat(run("logging { level = \"debug\" }", "config", "fmt")).isZero();
        assertThat(out.toString()).isEqualTo("logging {\n\tlevel = \"debug\"\n}\n");
        out.getBuffer().setLength(0);
        assertThat(run("a=1", "config", "fmt", "-")).isZero();
        assertThat(out.toString()).isEqualTo("a = 1\n");
    }

    @Test
    void testModeIsSilentAndFailsOnUnformattedFiles() throws Exception {
        Path unformatted = copy("example.in");
        assertThat(run("", "config", "fmt", "-t", unformatted.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("Error: file " + unformatted + " is not formatted correctly\n");

        Path formatted = temp.resolve("ok.alloy");
        Files.writeString(formatted, expected("example.expect"));
        err.getBuffer().setLength(0);
        assertThat(run("", "config", "fmt", "--test", formatted.toString())).isZero();
        assertThat(out.toString() + err).isEmpty();
    }

    @Test
    void writeModeRewritesOnlyAChangedFileAndKeepsABackup() throws Exception {
        Path file = copy("object_align.in");
        String original = Files.readString(file);
        assertThat(run("", "config", "fmt", "-w", file.toString())).isZero();
        assertThat(file).hasContent(expected("object_align.expect"));
        assertThat(file.resolveSibling("object_align.alloy.bak")).hasContent(original);
        assertThat(out.toString()).isEmpty();

        Files.delete(file.resolveSibling("object_align.alloy.bak"));
        assertThat(run("", "config", "fmt", "--write", file.toString())).isZero();
        assertThat(file.resolveSibling("object_align.alloy.bak")).as("unchanged file is not rewritten").doesNotExist();
    }

    @Test
    void syntaxErrorsArePrintedWithPositionsAndExitOne() throws Exception {
        Path file = temp.resolve("broken.alloy");
        Files.writeString(file, "field = [\n  0,\n  1\n]\n");
        assertThat(run("", "config", "fmt", file.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(file + ":3:4: missing ',' in expression list\n"
                + "Error: encountered errors during formatting\n");
    }

    @Test
    void invalidUtf8IsAnErrorWithItsPosition() throws Exception {
        Path file = temp.resolve("latin1.alloy");
        Files.write(file, new byte[] {'a', ' ', '=', ' ', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '\n'});
        assertThat(run("", "config", "fmt", file.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(file + ":1:9: illegal UTF-8 encoding\nError: encountered errors during formatting\n");
    }

    @Test
    void refusesWhatAlloyRefuses() throws Exception {
        assertThat(run("", "config", "fmt", "-w", "-t", "x.alloy")).isEqualTo(1);
        assertThat(err.toString()).contains("Error: cannot use -w/--write and -t/--test at the same time");
        assertThat(run("", "config", "fmt", "-w", "-")).isEqualTo(1);
        assertThat(err.toString()).contains("Error: cannot use -w with standard input");
        assertThat(run("", "config", "fmt", temp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Error: cannot format a directory");
        assertThat(run("", "config", "fmt", temp.resolve("missing.alloy").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Error: stat " + temp.resolve("missing.alloy") + ": no such file or directory");
    }
}
