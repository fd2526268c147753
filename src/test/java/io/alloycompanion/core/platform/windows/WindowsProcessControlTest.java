package io.alloycompanion.core.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.platform.OperatingSystem;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows stop and job object, with the Win32 calls recorded (they need Windows) and the helper process run for
 * real: its exit code decides whether the supervisor waits for Alloy or forces it at once.
 */
class WindowsProcessControlTest {

    /** Records every call; each answer can be set. */
    static final class RecordingWin32 implements Win32 {
        final List<String> calls = new ArrayList<>();
        boolean attachSucceeds = true;
        boolean sendSucceeds = true;
        boolean jobSucceeds = true;
        boolean assignSucceeds = true;
        int error;

        @Override
        public boolean attachConsole(long pid) {
            calls.add("attachConsole " + pid);
            return attachSucceeds;
        }

        @Override
        public boolean freeConsole() {
            calls.add("freeConsole");
            return true;
        }

        @Override
        public boolean generateCtrlBreak() {
            calls.add("generateCtrlBreak");
            return sendSucceeds;
        }

        @Override
        public int lastError() {
            return error;
        }

        @Override
        public Job createKillOnCloseJob() {
            calls.add("createKillOnCloseJob");
            if (!jobSucceeds) {
                error = 1450;
                return null;
            }
            return pid -> {
                calls.add("assign " + pid);
                error = assignSucceeds ? 0 : 5;
                return assignSucceeds;
            };
        }
    }

    @TempDir
    Path temp;

    private final RecordingWin32 win32 = new RecordingWin32();
    private final ProcessHandle child = ProcessHandle.current();

    /** A control for the job-object tests, or one that has no way to start the helper. */
    private WindowsProcessControl withoutHelper() {
        return new WindowsProcessControl(win32, pid -> Optional.empty());
    }

    private WindowsProcessControl withHelper(String script) {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in helper is a POSIX shell");
        return new WindowsProcessControl(win32, pid -> Optional.of(List.of("/bin/sh", "-c", script, "helper", String.valueOf(pid))));
    }

    @Test
    void theHelperGetsTheProcessIdAndItsSuccessMeansTheStopWasAsked() throws Exception {
        Path seen = temp.resolve("pid");
        WindowsProcessControl control = withHelper("echo \"$1\" > '" + seen + "'; exit 0");

        assertThat(control.requestStop(child, List.of())).isTrue();
        assertThat(Files.readString(seen).strip()).isEqualTo(String.valueOf(child.pid()));
        assertThat(win32.calls).as("the app's own console and Ctrl+C are left alone").isEmpty();
    }

    @Test
    void aHelperThatFailsOrCannotStartMeansNoWait() {
        assertThat(withHelper("exit " + ConsoleInterrupt.ATTACH_FAILED).requestStop(child, List.of())).isFalse();
        assertThat(new WindowsProcessControl(win32, pid -> Optional.of(List.of(temp.resolve("missing.exe").toString())))
                .requestStop(child, List.of())).isFalse();
        assertThat(withoutHelper().requestStop(child, List.of())).isFalse();
    }

    @Test
    void anInterruptedStopEndsTheHelperAndKeepsTheInterrupt() throws Exception {
        Path pidFile = temp.resolve("helper-pid");
        WindowsProcessControl control = withHelper("echo $$ > '" + pidFile + ".tmp'; mv '" + pidFile + ".tmp' '" + pidFile
                + "'; exec sleep 60");
        java.util.concurrent.atomic.AtomicReference<Boolean> asked = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean keptInterrupt = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stopping = new Thread(() -> {
            asked.set(control.requestStop(child, List.of()));
            keptInterrupt.set(Thread.currentThread().isInterrupted());
        });
        stopping.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle helper = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        stopping.interrupt();
        stopping.join(10_000);

        assertThat(asked.get()).isFalse();
        assertThat(keptInterrupt).isTrue();
        helper.onExit().get(5, TimeUnit.SECONDS);
        assertThat(helper.isAlive()).as("the helper is ended, not left waiting").isFalse();
    }

    @Test
    void theHelperLeavesItsConsoleAttachesToTheChildsAndSendsCtrlBreak() {
        assertThat(ConsoleInterrupt.run(win32, 4242)).isEqualTo(ConsoleInterrupt.SENT);
        assertThat(win32.calls).containsExactly("freeConsole", "attachConsole 4242", "generateCtrlBreak");
    }

    @Test
    void theHelperStopsAtTheFirstStepThatFailsAndSaysWhichByItsExitCode() {
        win32.attachSucceeds = false;
        assertThat(ConsoleInterrupt.run(win32, 1)).isEqualTo(ConsoleInterrupt.ATTACH_FAILED);
        assertThat(win32.calls).doesNotContain("generateCtrlBreak");
        win32.attachSucceeds = true;
        win32.sendSucceeds = false;
        assertThat(ConsoleInterrupt.run(win32, 1)).isEqualTo(ConsoleInterrupt.SEND_FAILED);
        assertThat(ConsoleInterrupt.describe(ConsoleInterrupt.ATTACH_FAILED)).isEqualTo("could not attach to the process's console");
    }

    @Test
    void theHelperRunsAsThisJvmsJavaWithItsClassPathAndRefusesBadArgumentsAndOtherSystems() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                OperatingSystem.current() == OperatingSystem.WINDOWS ? "java.exe" : "java");
        List<String> command = WindowsProcessControl.helperCommand(77, System::getProperty, Files::isRegularFile).orElseThrow();
        assertThat(command).containsExactly(java.toString(), "-cp", System.getProperty("java.class.path"),
                ConsoleInterrupt.class.getName(), "77");
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "off Windows the helper cannot load kernel32");

        Process helper = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(helper.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(helper.exitValue()).as(new String(helper.getInputStream().readAllBytes())).isEqualTo(ConsoleInterrupt.NO_WINDOWS_CALLS);
        assertThat(ConsoleInterrupt.exitCode(new String[] {"not-a-pid"})).isEqualTo(ConsoleInterrupt.USAGE);
        assertThat(ConsoleInterrupt.exitCode(new String[] {})).isEqualTo(ConsoleInterrupt.USAGE);
        assertThat(ConsoleInterrupt.exitCode(new String[] {"-1"})).as("ATTACH_PARENT_PROCESS: the caller's own console")
                .isEqualTo(ConsoleInterrupt.USAGE);
        assertThat(ConsoleInterrupt.exitCode(new String[] {"0"})).isEqualTo(ConsoleInterrupt.USAGE);
        assertThat(ConsoleInterrupt.exitCode(new String[] {"4294967296"})).isEqualTo(ConsoleInterrupt.USAGE);
    }

    @Test
    void anInstalledAppRunsItsOwnLauncherAndARuntimeWithoutJavaHasNoHelper() {
        Path launcher = Path.of("C:/Users/u/AppData/Local/alloy-companion/alloy-companion.exe");
        Map<String, String> installed = Map.of("jpackage.app-path", launcher.toString(),
                "java.home", "C:/Users/u/AppData/Local/alloy-companion/runtime", "java.class.path", "app/alloy-companion.jar");
        assertThat(WindowsProcessControl.helperCommand(9, installed::get, launcher::equals))
                .contains(List.of(launcher.toString(), ConsoleInterrupt.ARGUMENT, "9"));
        assertThat(WindowsProcessControl.helperCommand(9, installed::get, path -> false))
                .as("no launcher and a runtime stripped of its java command").isEmpty();
    }

    @Test
    void everyChildJoinsOneKillOnCloseJob() {
        WindowsProcessControl control = withoutHelper();
        assertThat(control.adopt(new FakeProcess(101))).isEmpty();
        assertThat(control.adopt(new FakeProcess(102))).isEmpty();

        assertThat(win32.calls).containsExactly("createKillOnCloseJob", "assign 101", "assign 102");
    }

    @Test
    void aJobThatCannotBeMadeIsSaidOnEveryStartAndNotRetried() {
        win32.jobSucceeds = false;
        WindowsProcessControl control = withoutHelper();

        assertThat(control.adopt(new FakeProcess(101))).hasValueSatisfying(why ->
                assertThat(why).contains("Windows error 1450").contains("if the app is killed, Alloy keeps running"));
        assertThat(control.adopt(new FakeProcess(102))).isPresent();
        assertThat(win32.calls).containsExactly("createKillOnCloseJob");
    }

    @Test
    void aChildThatCannotJoinTheJobIsSaid() {
        win32.assignSucceeds = false;
        WindowsProcessControl control = withoutHelper();

        assertThat(control.adopt(new FakeProcess(101))).hasValueSatisfying(why ->
                assertThat(why).contains("could not join").contains("Windows error 5"));
    }

    /** A process that only has a pid: adopt() needs no more. */
    private static final class FakeProcess extends Process {
        private final long pid;

        FakeProcess(long pid) {
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {
        }
    }
}
