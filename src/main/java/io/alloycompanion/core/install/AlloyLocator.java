package io.alloycompanion.core.install;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.ExecutableFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds Alloy executables and asks each for its version. */
public final class AlloyLocator {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutableFinder finder;
    private final CommandRunner runner;

    public AlloyLocator(ExecutableFinder finder, CommandRunner runner) {
        this.finder = finder;
        this.runner = runner;
    }

    /** Every {@code alloy} on PATH, the one a shell would run first. */
    public List<AlloyBinary> findOnPath() throws InterruptedException {
        List<AlloyBinary> found = new ArrayList<>();
        for (Path path : finder.findAll("alloy")) {
            found.add(inspect(path, "PATH"));
        }
        return found;
    }

    /** Runs {@code <path> --version} and reads the version from its first line. */
    public AlloyBinary inspect(Path path, String source) throws InterruptedException {
        return inspect(runner, path, source);
    }

    /** Runs {@code <path> --version} with the given runner and reads the version from its first line. */
    public static AlloyBinary inspect(CommandRunner runner, Path path, String source) throws InterruptedException {
        try {
            CommandResult result = runner.run(List.of(path.toString(), "--version"), VERSION_TIMEOUT);
            if (result.timedOut()) {
                return new AlloyBinary(path, source, Optional.empty(),
                        Optional.of("`--version` did not answer within " + VERSION_TIMEOUT.toSeconds() + " s"));
            }
            Optional<String> version = AlloyVersion.parse(result.stdout());
            if (version.isPresent() && result.exitCode() == 0) {
                return new AlloyBinary(path, source, version, Optional.empty());
            }
            String firstLine = (result.stdout() + result.stderr()).strip().lines().findFirst().orElse("no output");
            return new AlloyBinary(path, source, Optional.empty(), Optional.of(
                    "`--version` exited " + result.exitCode() + " without an Alloy version: " + firstLine));
        } catch (IOException e) {
            return new AlloyBinary(path, source, Optional.empty(), Optional.of("cannot run it: " + e.getMessage()));
        }
    }
}
