package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {

    @BeforeEach
    void posixShellOnly() {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "uses /bin/sh");
    }

    @Test
    void capturesBothStreamsAndTheExitCode() throws Exception {
        CommandResult result = new ProcessCommandRunner().run(
                List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() throws Exception {
        long start = System.nanoTime();
        CommandResult result = new ProcessCommandRunner().run(List.of("/bin/sh", "-c", "echo started; sleep 30"),
                Duration.ofMillis(500));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void streamingHandsOverEachLineAsItComes() throws Exception {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CommandResult result = new ProcessCommandRunner().stream(
                List.of("/bin/sh", "-c", "echo one; echo two >&2; exit 4"), lines::add, Duration.ofSeconds(10));
        assertThat(lines).containsExactlyInAnyOrder("one", "two");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).contains("one").contains("two");
    }

    @Test
    void writesStandardInputThenClosesIt() throws Exception {
        byte[] input = "[Service]\nEnvironment=\"A=b c\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CommandResult result = new ProcessCommandRunner().run(List.of("cat"), input, Duration.ofSeconds(10));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("[Service]\nEnvironment=\"A=b c\"\n");
    }

    @Test
    void aCommandThatIgnoresItsInputStillEndsWithItsOwnExitCode() throws Exception {
        byte[] more = new byte[1024 * 1024]; // more than a pipe holds, so the write meets a closed pipe
        CommandResult result = new ProcessCommandRunner().run(List.of("/bin/sh", "-c", "exit 5"), more, Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void aMissingProgramIsAnIoError() {
        assertThatThrownBy(() -> new ProcessCommandRunner().run(List.of("/nonexistent/alloy", "--version"), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
    }
}
