package io.alloycompanion.core.secrets;

/** A token file was not written. The message says why and what to do; it never contains the token. */
public final class TokenFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, so callers can offer the right next step. */
    public enum Reason {
        /** The app's data folder is inside a git work tree, where {@code git add .} would pick the token up. */
        INSIDE_GIT_WORK_TREE,
        /** The file beside the config could not be proven ignored by git. */
        NOT_IGNORED,
        /** git already tracks the file beside the config; ignoring it would not stop a commit. */
        TRACKED_BY_GIT,
        /** The file could not be limited to its owner, or was found readable by others afterwards. */
        PERMISSIONS_TOO_WIDE,
        /** The profile name cannot be used as a file name. */
        INVALID_NAME,
        /** The file or its folder could not be written. */
        FILESYSTEM
    }

    private final Reason reason;

    public TokenFileException(Reason reason, String message) {
        this(reason, message, null);
    }

    public TokenFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
