package io.alloycompanion.core.secrets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link GitIgnoreGuard#ensureIgnored} found and did.
 *
 * @param gitignoreFile  the work tree's top-level {@code .gitignore}; empty when the file is in no work tree
 * @param relativePath   the file's path from the top of the work tree, with {@code /} separators
 * @param entryAdded     whether the entry was written now (false when it was there already)
 * @param ignoredProven  whether {@code git check-ignore} confirmed that git ignores the file
 * @param alreadyTracked whether git tracks the file already, which no {@code .gitignore} entry undoes
 * @param problem        why git could not answer, when it could not
 */
public record GitIgnoreResult(Optional<Path> gitignoreFile, Optional<String> relativePath, boolean entryAdded,
        boolean ignoredProven, boolean alreadyTracked, Optional<String> problem) {

    static GitIgnoreResult notInWorkTree() {
        return new GitIgnoreResult(Optional.empty(), Optional.empty(), false, false, false, Optional.empty());
    }

    /** False when the file is in no git work tree, so nothing had to be done. */
    public boolean needed() {
        return gitignoreFile.isPresent();
    }

    /** Whether a token may be written to the file: outside git, or proven ignored and not tracked. */
    public boolean safe() {
        return !needed() || (ignoredProven && !alreadyTracked);
    }

    /** What the user must be told, with the fix, when the file is not safe; empty when it is. */
    public Optional<String> warning() {
        if (safe()) {
            return Optional.empty();
        }
        String path = relativePath.orElse("the token file");
        if (alreadyTracked) {
            return Optional.of("git already tracks " + path + ", and .gitignore does not stop git from committing a"
                    + " tracked file. Run `git rm --cached " + path + "` and commit, then rotate the token in Grafana"
                    + " Cloud: the old one is in your git history.");
        }
        return Optional.of("Could not prove that git ignores " + path + problem.map(p -> " (" + p + ")").orElse("")
                + ". Check " + gitignoreFile.map(Path::toString).orElse(".gitignore")
                + " and any .gitignore in its subfolders for a rule starting with `!` that includes it again.");
    }
}
