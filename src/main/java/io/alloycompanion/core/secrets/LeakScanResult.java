package io.alloycompanion.core.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a {@link LeakScanner} run found, or why it could not run. */
public sealed interface LeakScanResult {

    /**
     * The scan ran.
     *
     * @param filesSkipped   tracked files not read: larger than the limit, binary or unreadable
     * @param historyScanned whether the history was scanned to the end
     * @param historyProblem why the history scan stopped, when it was asked for and did
     */
    record Completed(List<Leak> leaks, int filesScanned, int filesSkipped, boolean historyScanned,
            Optional<String> historyProblem) implements LeakScanResult {
        public Completed {
            leaks = List.copyOf(leaks);
        }
    }

    /** The folder is in no git work tree, so git cannot publish anything from it. */
    record NotInWorkTree(Path folder) implements LeakScanResult {
    }

    /** git could not list the files (not installed, not trusted: "dubious ownership", …); {@code problem} says why. */
    record GitFailed(String problem) implements LeakScanResult {
    }
}
