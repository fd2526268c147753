package io.alloycompanion.core.secrets;

/**
 * The token could not be handed to (or taken back from) an Alloy service. The message says what failed, why and what
 * to do next, and never contains the token.
 */
public final class ServiceSecretException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, so callers can offer the right next step (or stay quiet when the user said no). */
    public enum Reason {
        /** The user dismissed the administrator prompt (polkit or UAC), or was not allowed to approve it. */
        CANCELLED,
        /** A program this needs is missing: systemctl, pkexec, brew, PowerShell or git. */
        UNAVAILABLE,
        /** That kind of Alloy service is not installed (no Homebrew Alloy, no registry key of the official installer). */
        NOT_INSTALLED,
        /** The token is empty or holds characters a service environment cannot carry (line breaks, control characters). */
        INVALID_TOKEN,
        /** The file would land in a git work tree without being ignored there. */
        IN_GIT_WORK_TREE,
        /** A file could not be written, read or deleted. */
        FILESYSTEM,
        /** The change was made, but the running service could not be restarted to pick it up. */
        RESTART_FAILED,
        /** Any other failure of the commands that make the change. */
        FAILED
    }

    private final Reason reason;

    public ServiceSecretException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ServiceSecretException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
