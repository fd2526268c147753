package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryDiffReaderTest {

    @Test
    void reportsAddedLinesWithCommitFileAndNewLineNumber() {
        List<String> added = new ArrayList<>();
        HistoryDiffReader reader = new HistoryDiffReader(
                (commit, file, line, text) -> added.add(commit + " " + file + ":" + line + " " + text));
        """
                commit c2

                diff --git a/bin b/bin
                new file mode 100644
                Binary files /dev/null and b/bin differ
                diff --git a/f.txt b/f.txt
                --- a/f.txt
                +++ b/f.txt
                @@ -1,2 +1,3 @@
                 a
                -b
                ++++ b/x
                +commit looks like a header
                @@ -10,2 +11,2 @@ section
                 ten
                -eleven
                +twelve
                \\ No newline at end of file
                diff --git "a/we\\"ird\\tname\\303\\251.txt" "b/we\\"ird\\tname\\303\\251.txt"
                --- /dev/null
                +++ "b/we\\"ird\\tname\\303\\251.txt"
                @@ -0,0 +1 @@
                +quoted
                diff --git a/gone.txt b/gone.txt
                deleted file mode 100644
                --- a/gone.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -old
                commit c1

                diff --git a/f.txt b/f.txt
                --- /dev/null
                +++ b/f.txt
                @@ -0,0 +1,2 @@
                +a
                +b
                """.lines().forEach(reader);

        assertThat(added).containsExactly(
                "c2 f.txt:2 +++ b/x",
                "c2 f.txt:3 commit looks like a header",
                "c2 f.txt:12 twelve",
                "c2 we\"ird\tnameé.txt:1 quoted",
                "c1 f.txt:1 a",
                "c1 f.txt:2 b");
    }

    @Test
    void keepsGitsErrorLineForTheReport() {
        HistoryDiffReader reader = new HistoryDiffReader((commit, file, line, text) -> { });
        reader.accept("fatal: detected dubious ownership in repository at '/x'");
        assertThat(reader.lastOtherLine()).startsWith("fatal: detected dubious ownership");
    }

    @Test
    void unquotesGitPaths() {
        assertThat(HistoryDiffReader.unquote("a\\\\b\\\"c\\n\\303\\251")).isEqualTo("a\\b\"c\né");
    }

    @Test
    void theTabGitAddsAfterANameWithASpaceIsNoPartOfIt() throws Exception {
        List<String> added = new ArrayList<>();
        HistoryDiffReader reader = new HistoryDiffReader((commit, file, line, text) -> added.add(file + ":" + line));
        List.of("commit c1", "", "diff --git a/my env.txt b/my env.txt", "new file mode 100644",
                "--- /dev/null", "+++ b/my env.txt\t", "@@ -0,0 +1 @@", "+K=1").forEach(reader);
        assertThat(added).containsExactly("my env.txt:1");
    }

    @Test
    void aRealGitHistoryWithASpaceInAFileName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        GitTestRepo repo = GitTestRepo.init(dir);
        repo.write("my env.txt", "A=1\nK=2\n");
        repo.commitAll("env");
        List<String> added = new ArrayList<>();
        HistoryDiffReader reader = new HistoryDiffReader((commit, file, line, text) -> added.add(file + ":" + line + " " + text));
        repo.git("log", "-p", "--format=commit %H", "--src-prefix=a/", "--dst-prefix=b/").stdout().lines().forEach(reader);
        assertThat(added).containsExactly("my env.txt:1 A=1", "my env.txt:2 K=2");
    }
}
