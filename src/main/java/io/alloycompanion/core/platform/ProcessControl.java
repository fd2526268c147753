package io.alloycompanion.core.platform;

import io.alloycompanion.core.platform.windows.WindowsProcessControl;
import java.util.List;
import java.util.Optional;

/**
 * What differs between operating systems when the app runs a long-lived child (Alloy): how it is asked to stop
 * gracefully and how it is tied to the app so that it cannot outlive it.
 *
 * <p>Linux and macOS: a stop is SIGTERM to the process and every descendant; the tie is a watchdog the caller runs
 * the child under. Windows has no SIGTERM ({@link ProcessHandle#destroy()} is {@code TerminateProcess}):
 * {@link WindowsProcessControl} has a console Ctrl+Break sent instead and puts the child into a job object that Windows
 * closes, killing everything in it, when the app's process ends in any way.
 */
public interface ProcessControl {

    /**
     * Called right after the child started. Returns why the child is not tied to this process when it could not be
     * (shown to the user as a warning), empty when it is or when the caller's own mechanism does it.
     */
    default Optional<String> adopt(Process child) {
        return Optional.empty();
    }

    /**
     * Asks {@code root} and its descendants {@code tree} to end gracefully (on Windows through the child's console,
     * which its own children are attached to as well). Returns false when they could not be asked, so the caller
     * should force them without waiting.
     */
    boolean requestStop(ProcessHandle root, List<ProcessHandle> tree);

    /** SIGTERM to the process and each descendant. */
    ProcessControl SIGNALS = (root, tree) -> {
        root.destroy();
        tree.forEach(ProcessHandle::destroy);
        return true;
    };

    static ProcessControl forOs(OperatingSystem os) {
        return os == OperatingSystem.WINDOWS ? WindowsProcessControl.load() : SIGNALS;
    }
}
