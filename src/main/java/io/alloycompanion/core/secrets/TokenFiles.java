package io.alloycompanion.core.secrets;

import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.TokenFileException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a token to a file Alloy reads with {@code local.file}, readable by its owner only. The content is exactly
 * the token: {@code local.file} hands over the whole file, and a trailing newline would become part of the
 * basic-auth password.
 */
public final class TokenFiles {

    /** The name older setups used for a token kept beside the config. */
    public static final String LEGACY_FILE_NAME = "grafana-token.txt";
    private static final String TOKENS_FOLDER = "tokens";
    // A file name on every OS: no separators, no leading dot (hidden, or "..").
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private final GitIgnoreGuard guard;

    public TokenFiles(GitIgnoreGuard guard) {
        this.guard = guard;
    }

    /**
     * Writes {@code <dataDir>/tokens/<profile>.token} (the folder limited to its owner too). Refuses when
     * {@code dataDir} is inside a git work tree, where no secret may be written.
     */
    public Path writeAppTokenFile(Path dataDir, String profile, Secret token) throws TokenFileException {
        requireToken(token);
        Path file = appTokenFile(dataDir, profile);
        Optional<Path> workTree = GitWorkTrees.containing(dataDir);
        if (workTree.isPresent()) {
            throw new TokenFileException(Reason.INSIDE_GIT_WORK_TREE, "The data folder " + dataDir
                    + " is inside the git work tree " + workTree.get() + ", where a token could be committed."
                    + " Choose a data folder outside any git repository.");
        }
        Path folder = file.getParent();
        try {
            OwnerOnlyFiles.ownerOnlyDirectory(folder);
        } catch (IOException e) {
            throw failure(folder, e);
        }
        write(file, token);
        return file;
    }

    /** Where {@link #writeAppTokenFile} keeps the token of {@code profile}: {@code <dataDir>/tokens/<profile>.token}. */
    public static Path appTokenFile(Path dataDir, String profile) throws TokenFileException {
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw new TokenFileException(Reason.INVALID_NAME, "The profile name \"" + profile + "\" cannot be used as"
                    + " a file name. Use letters, digits, '.', '_' and '-' only.");
        }
        return dataDir.resolve(TOKENS_FOLDER).resolve(profile + ".token");
    }

    /** Deletes the file {@link #writeAppTokenFile} wrote; false when there was none. */
    public boolean removeAppTokenFile(Path dataDir, String profile) throws TokenFileException {
        return delete(appTokenFile(dataDir, profile));
    }

    /**
     * Deletes {@code <configDir>/grafana-token.txt}; false when there was none. The {@code .gitignore} entry stays:
     * it costs nothing and keeps a file written there again out of git.
     */
    public boolean removeBesideConfig(Path configDir) throws TokenFileException {
        return delete(configDir.resolve(LEGACY_FILE_NAME));
    }

    private static boolean delete(Path file) throws TokenFileException {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TokenFileException(Reason.FILESYSTEM, "Cannot delete " + file + ": " + Errors.rootMessage(e)
                    + ". Delete it yourself: it holds the token.", e);
        }
    }

    /**
     * Writes {@code <configDir>/grafana-token.txt} for setups that keep the token beside the config, after making
     * sure git ignores it. Refuses when that cannot be proven or git already tracks the file.
     */
    public WrittenTokenFile writeBesideConfig(Path configDir, Secret token)
            throws TokenFileException, InterruptedException {
        requireToken(token);
        Path file = configDir.resolve(LEGACY_FILE_NAME);
        GitIgnoreResult ignore;
        try {
            ignore = guard.ensureIgnored(file);
        } catch (IOException e) {
            throw new TokenFileException(Reason.NOT_IGNORED, "Could not add " + LEGACY_FILE_NAME + " to .gitignore: "
                    + Errors.rootMessage(e) + ". The token was not written.", e);
        }
        if (!ignore.safe()) {
            Reason reason = ignore.alreadyTracked() ? Reason.TRACKED_BY_GIT : Reason.NOT_IGNORED;
            throw new TokenFileException(reason, ignore.warning().orElse("git may commit " + file)
                    + " The token was not written.");
        }
        write(file, token);
        return new WrittenTokenFile(file, ignore);
    }

    private static void requireToken(Secret token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
    }

    private static void write(Path file, Secret token) throws TokenFileException {
        byte[] bytes = token.reveal(SecretChars::toUtf8);
        try {
            OwnerOnlyFiles.write(file, bytes);
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static TokenFileException failure(Path path, IOException e) {
        if (e instanceof OwnerOnlyFiles.NotOwnerOnlyException) {
            return new TokenFileException(Reason.PERMISSIONS_TOO_WIDE, "The token was not kept private: "
                    + e.getMessage() + ".", e);
        }
        return new TokenFileException(Reason.FILESYSTEM, "Cannot write " + path + ": " + Errors.rootMessage(e)
                + ". Check that the folder exists and that you may write there.", e);
    }
}
