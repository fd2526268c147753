package io.alloycompanion.core.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.ProcessControl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real Win32 calls, on Windows only (the {@code windows} job of .github/workflows/ci.yml runs this class): a
 * console child stopped by the helper's Ctrl+Break, and a child ended by Windows when the process that put it into
 * the job object is killed.
 */
@EnabledOnOs(OS.WINDOWS)
class OnWindowsTest {

    /** What a console process's default Ctrl+Break handling exits with; a forced stop would give 1. */
    private static final int STATUS_CONTROL_C_EXIT = 0xC000013A;

    /** A console program that waits a minute; {@code -Xrs} leaves Ctrl+Break to Windows' default: exit. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    /** Starts a {@link Sleeper}, puts it into the app's job object, prints its pid, and waits to be killed. */
    public static final class JobHolder {
        public static void main(String[] args) throws Exception {
            Process sleeper = sleeper().start();
            ProcessControl control = WindowsProcessControl.load();
            System.out.println(control.adopt(sleeper).map(why -> "untied " + why).orElse("pid " + sleeper.pid()));
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static ProcessBuilder java(Class<?> main, String... jvmOptions) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java.exe").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // "Picked up JAVA_TOOL_OPTIONS" and the like would come before the line the tests wait for.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
        return builder;
    }

    static ProcessBuilder sleeper() {
        return java(Sleeper.class, "-Xrs");
    }

    private static String firstLine(Process process) throws Exception {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void theHelpersCtrlBreakEndsAConsoleChildWithoutForce() throws Exception {
        Process child = sleeper().start();
        try {
            assertThat(firstLine(child)).isEqualTo("sleeping");

            boolean asked = WindowsProcessControl.load().requestStop(child.toHandle(), List.of());

            assertThat(asked).as("the helper sent Ctrl+Break").isTrue();
            assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("the child ended on the Ctrl+Break").isTrue();
            assertThat(child.exitValue()).as("ended by the console event, not by TerminateProcess")
                    .isEqualTo(STATUS_CONTROL_C_EXIT);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aChildInTheJobEndsWhenTheProcessHoldingTheJobIsKilled() throws Exception {
        Process holder = java(JobHolder.class).start();
        ProcessHandle sleeper = null;
        try {
            String line = firstLine(holder);
            assertThat(line).startsWith("pid ");
            sleeper = ProcessHandle.of(Long.parseLong(line.substring(4).strip())).orElseThrow();
            assertThat(sleeper.isAlive()).isTrue();

            holder.destroyForcibly();

            sleeper.onExit().get(15, TimeUnit.SECONDS);
            assertThat(sleeper.isAlive()).as("Windows closed the job with its holder and ended the child").isFalse();
        } finally {
            holder.destroyForcibly();
            if (sleeper != null) {
                sleeper.destroyForcibly();
            }
        }
    }
}
