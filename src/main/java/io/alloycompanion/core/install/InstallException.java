package io.alloycompanion.core.install;

/** An install that could not be done, with a message that says what failed, why, and what to do. */
public final class InstallException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, for callers that react differently (exit codes, retry buttons). */
    public enum Kind { NOT_FOUND, CHECKSUM, NETWORK, NOT_A_ZIP, UNSUPPORTED_PLATFORM, FILESYSTEM, CANCELLED, BROKEN_BINARY }

    private final Kind kind;

    public InstallException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public InstallException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
