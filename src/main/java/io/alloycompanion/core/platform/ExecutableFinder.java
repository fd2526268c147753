package io.alloycompanion.core.platform;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds programs on the PATH the way the OS's shell would (with PATHEXT on Windows). */
public final class ExecutableFinder {

    private final Environment env;

    public ExecutableFinder(Environment env) {
        this.env = env;
    }

    /** Every match on PATH, in PATH order, without duplicates; the first is the one a shell would run. */
    public List<Path> findAll(String name) {
        String separator = env.os() == OperatingSystem.WINDOWS ? ";" : ":";
        Set<Path> found = new LinkedHashSet<>();
        for (String dir : env.variable("PATH").orElse("").split(separator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : candidateNames(name)) {
                try {
                    Path path = Path.of(stripQuotes(dir.trim())).resolve(candidate);
                    if (Files.isRegularFile(path) && (env.os() == OperatingSystem.WINDOWS || Files.isExecutable(path))) {
                        found.add(path.toAbsolutePath().normalize());
                    }
                } catch (InvalidPathException e) {
                    // A malformed PATH entry cannot hold the program; skip it as a shell would.
                }
            }
        }
        return List.copyOf(found);
    }

    private List<String> candidateNames(String name) {
        if (env.os() != OperatingSystem.WINDOWS || name.contains(".")) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (String ext : env.variable("PATHEXT").orElse(".COM;.EXE;.BAT;.CMD").split(";")) {
            if (!ext.isBlank()) {
                names.add(name + ext.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String stripQuotes(String dir) {
        return dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"") ? dir.substring(1, dir.length() - 1) : dir;
    }
}
