package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableFinderTest {

    @TempDir
    Path temp;

    private Path executable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return file;
    }

    @Test
    void findsEveryMatchInPathOrderWithoutDuplicates() throws IOException {
        Path first = executable(temp.resolve("a"), "alloy");
        Path second = executable(temp.resolve("b"), "alloy");
        String path = temp.resolve("a") + ":" + temp.resolve("missing") + "::" + temp.resolve("b") + ":" + temp.resolve("a");
        var finder = new ExecutableFinder(new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", path), temp));
        assertThat(finder.findAll("alloy")).containsExactly(first, second);
    }

    @Test
    void skipsFilesThatAreNotExecutableOnPosix() throws IOException {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"));
        Path dir = Files.createDirectories(temp.resolve("bin"));
        Files.writeString(dir.resolve("alloy"), "not executable");
        var finder = new ExecutableFinder(new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", dir.toString()), temp));
        assertThat(finder.findAll("alloy")).isEmpty();
    }

    @Test
    void windowsTriesPathextAndAcceptsQuotedEntries() throws IOException {
        Path exe = executable(temp.resolve("Program Files").resolve("GrafanaLabs"), "alloy.exe");
        var env = new Environment(OperatingSystem.WINDOWS, Architecture.AMD64,
                Map.of("PATH", "\"" + exe.getParent() + "\";" + temp.resolve("none"), "PATHEXT", ".COM;.EXE"), temp);
        assertThat(new ExecutableFinder(env).findAll("alloy")).containsExactly(exe);
    }
}
