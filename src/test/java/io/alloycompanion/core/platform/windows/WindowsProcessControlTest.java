package io.alloycompanion.core.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of the Win32 calls behind a graceful stop and the job object, against a recording {@link Win32}: the
 * calls themselves need Windows and are not made here.
 */
class WindowsProcessControlTest {

    /** Records every call; each answer can be set. */
    static final class RecordingWin32 implements Win32 {
        final List<String> calls = new ArrayList<>();
        boolean consoleWindow;
        boolean attachSucceeds = true;
        boolean ignoreSucceeds = true;
        boolean jobSucceeds = true;
        boolean assignSucceeds = true;
        int error;

        @Override
        public boolean hasConsoleWindow() {
            calls.add("hasConsoleWindow");
            return consoleWindow;
        }

        @Override
        public boolean attachConsole(long pid) {
            calls.add("attachConsole " + pid);
            if (!attachSucceeds) {
                error = consoleWindow ? ERROR_ACCESS_DENIED : 6;
            }
            return attachSucceeds;
        }

        @Override
        public boolean freeConsole() {
            calls.add("freeConsole");
            return true;
        }

        @Override
        public boolean ignoreCtrlC(boolean ignore) {
            calls.add("ignoreCtrlC " + ignore);
            if (ignore && !ignoreSucceeds) {
                error = 87;
                return false;
            }
            return true;
        }

        @Override
        public boolean generateCtrlC() {
            calls.add("generateCtrlC");
            return true;
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

    private final RecordingWin32 win32 = new RecordingWin32();
    private final WindowsProcessControl control = new WindowsProcessControl(win32);
    private final ProcessHandle child = ProcessHandle.current();

    @Test
    void withoutAConsoleAStopAttachesToTheChildsConsoleAndStaysUntilTheChildHasEnded() {
        ProcessBuilder builder = new ProcessBuilder("alloy");
        control.prepare(builder);
        assertThat(builder.redirectInput()).as("the child keeps a console of its own").isEqualTo(Redirect.PIPE);

        assertThat(control.requestStop(child, List.of())).isTrue();
        assertThat(win32.calls).containsExactly("hasConsoleWindow", "attachConsole " + child.pid(), "ignoreCtrlC true",
                "generateCtrlC");

        control.stopped();
        assertThat(win32.calls).endsWith("freeConsole", "ignoreCtrlC false");
    }

    @Test
    void withAConsoleWindowTheChildSharesItAndAStopSendsCtrlCThereWithoutAttaching() {
        win32.consoleWindow = true;
        ProcessBuilder builder = new ProcessBuilder("alloy");
        control.prepare(builder);
        assertThat(builder.redirectInput()).as("Java gives a child that inherits a handle the parent's console")
                .isEqualTo(Redirect.INHERIT);

        assertThat(control.requestStop(child, List.of())).isTrue();
        control.stopped();

        assertThat(win32.calls).containsExactly("hasConsoleWindow", "ignoreCtrlC true", "generateCtrlC", "ignoreCtrlC false");
    }

    @Test
    void aConsoleThatCannotBeReachedMeansNoWaitAndNothingLeftChanged() {
        win32.attachSucceeds = false;
        control.prepare(new ProcessBuilder("alloy"));

        assertThat(control.requestStop(child, List.of())).isFalse();
        control.stopped();

        assertThat(win32.calls).containsExactly("hasConsoleWindow", "attachConsole " + child.pid());
    }

    @Test
    void whenThisProcessCannotIgnoreCtrlCNoneIsSentSinceItWouldEndTheAppToo() {
        win32.ignoreSucceeds = false;
        control.prepare(new ProcessBuilder("alloy"));

        assertThat(control.requestStop(child, List.of())).isFalse();

        assertThat(win32.calls).containsExactly("hasConsoleWindow", "attachConsole " + child.pid(), "ignoreCtrlC true",
                "freeConsole");
        assertThat(win32.calls).doesNotContain("generateCtrlC");
    }

    @Test
    void aSecondStopWhileAttachedSendsCtrlCAgainWithoutAttachingTwice() {
        control.prepare(new ProcessBuilder("alloy"));
        control.requestStop(child, List.of());
        control.requestStop(child, List.of());
        control.stopped();

        assertThat(win32.calls).containsExactly("hasConsoleWindow", "attachConsole " + child.pid(), "ignoreCtrlC true",
                "generateCtrlC", "generateCtrlC", "freeConsole", "ignoreCtrlC false");
    }

    @Test
    void theNextChildNeverInheritsTheIgnoredCtrlC() {
        win32.consoleWindow = true;
        control.prepare(new ProcessBuilder("alloy"));
        control.requestStop(child, List.of());
        // stopped() never came (the stop was interrupted): the next start clears the flag first.
        control.prepare(new ProcessBuilder("alloy"));

        assertThat(win32.calls).containsExactly("hasConsoleWindow", "ignoreCtrlC true", "generateCtrlC",
                "ignoreCtrlC false", "hasConsoleWindow");
    }

    @Test
    void everyChildJoinsOneKillOnCloseJob() {
        assertThat(control.adopt(new FakeProcess(101))).isEmpty();
        assertThat(control.adopt(new FakeProcess(102))).isEmpty();

        assertThat(win32.calls).containsExactly("createKillOnCloseJob", "assign 101", "assign 102");
    }

    @Test
    void aJobThatCannotBeMadeIsSaidOnEveryStartAndNotRetried() {
        win32.jobSucceeds = false;

        assertThat(control.adopt(new FakeProcess(101))).hasValueSatisfying(why ->
                assertThat(why).contains("Windows error 1450").contains("if the app is killed, Alloy keeps running"));
        assertThat(control.adopt(new FakeProcess(102))).isPresent();
        assertThat(win32.calls).containsExactly("createKillOnCloseJob");
    }

    @Test
    void aChildThatCannotJoinTheJobIsSaid() {
        win32.assignSucceeds = false;

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
