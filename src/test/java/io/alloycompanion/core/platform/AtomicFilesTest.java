package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void writesCreatesFoldersAndLeavesNoTemporaryFiles() throws Exception {
        Path target = temp.resolve("a/b/settings.json");
        AtomicFiles.write(target, "one".getBytes());
        AtomicFiles.write(target, "two".getBytes());
        assertThat(target).hasContent("two");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aReplacedFileKeepsItsModeAndALinkStaysALink() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"));
        Path real = Files.writeString(temp.resolve("config.alloy"), "old");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(temp.resolve("link.alloy"), real);

        AtomicFiles.writeWithBackup(link, "new".getBytes());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
        assertThat(temp.resolve("config.alloy.bak")).hasContent("old");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r--r--");
    }

    @Test
    void backupKeepsThePreviousVersion() throws Exception {
        Path target = temp.resolve("config.alloy");
        AtomicFiles.writeWithBackup(target, "first".getBytes());
        assertThat(temp.resolve("config.alloy.bak")).doesNotExist();
        AtomicFiles.writeWithBackup(target, "second".getBytes());
        assertThat(target).hasContent("second");
        assertThat(temp.resolve("config.alloy.bak")).hasContent("first");
    }
}
