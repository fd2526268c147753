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
    void backupKeepsThePreviousVersion() throws Exception {
        Path target = temp.resolve("config.alloy");
        AtomicFiles.writeWithBackup(target, "first".getBytes());
        assertThat(temp.resolve("config.alloy.bak")).doesNotExist();
        AtomicFiles.writeWithBackup(target, "second".getBytes());
        assertThat(target).hasContent("second");
        assertThat(temp.resolve("config.alloy.bak")).hasContent("first");
    }
}
