package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.ui.common.ControlledTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundFoldersTest {

    @TempDir
    Path temp;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final BackgroundFolders folders = new BackgroundFolders(executor, changed::incrementAndGet, clock::get);

    @Test
    void nothingIsKnownUntilTheBackgroundCheckAnswersThenTheLinesAreCheckedAgain() throws Exception {
        Path logs = Files.createDirectory(temp.resolve("logs"));
        Path missing = temp.resolve("missing");

        assertThat(folders.isDirectory(logs)).isEmpty();
        assertThat(folders.isDirectory(missing)).isEmpty();
        assertThat(executor.pending()).as("asked, not yet checked").isZero();
        folders.flush();
        folders.flush();
        assertThat(executor.pending()).as("one batch").isEqualTo(1);

        executor.runAll();

        assertThat(changed).hasValue(1);
        assertThat(folders.isDirectory(logs)).contains(true);
        assertThat(folders.isDirectory(missing)).contains(false);
        folders.flush();
        assertThat(executor.pending()).as("fresh answers are not checked again").isZero();
    }

    @Test
    void aStaleAnswerIsUsedWhileItIsCheckedAgainSoAFolderMadeAfterAnErrorIsFound() throws Exception {
        Path later = temp.resolve("later");
        folders.isDirectory(later);
        folders.flush();
        executor.runAll();
        assertThat(folders.isDirectory(later)).contains(false);

        Files.createDirectory(later);
        clock.addAndGet(BackgroundFolders.FRESH_MILLIS + 1);
        assertThat(folders.isDirectory(later)).as("the old answer meanwhile").contains(false);
        folders.flush();
        executor.runAll();

        assertThat(folders.isDirectory(later)).contains(true);
        assertThat(changed).hasValue(2);
    }

    @Test
    void whatIsAskedDuringACheckIsCheckedRightAfterIt() {
        Path first = temp.resolve("a");
        Path second = temp.resolve("b");
        folders.isDirectory(first);
        folders.flush();
        folders.isDirectory(second);
        folders.flush();
        assertThat(executor.pending()).as("one check at a time").isEqualTo(1);

        executor.runAll();

        assertThat(folders.isDirectory(first)).isEqualTo(Optional.of(false));
        assertThat(folders.isDirectory(second)).isEqualTo(Optional.of(false));
        assertThat(executor.unexpected()).isEmpty();
    }
}
