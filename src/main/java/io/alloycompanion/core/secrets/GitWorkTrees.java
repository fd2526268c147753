package io.alloycompanion.core.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the git work tree a path is in, so secrets are never written where {@code git add .} would pick them up. */
public final class GitWorkTrees {

    private GitWorkTrees() {
    }

    /** The top of the work tree holding {@code path} (a folder with a {@code .git} folder or file), if any. */
    public static Optional<Path> containing(Path path) {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
