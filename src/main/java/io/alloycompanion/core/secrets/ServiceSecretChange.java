package io.alloycompanion.core.secrets;

/**
 * What handing the token to a service (or taking it back) did.
 *
 * @param target   which service
 * @param action   written, removed, or nothing to remove
 * @param location the file, or for Windows the registry value, that holds the token (never the token itself)
 * @param restart  whether the running service was restarted to see the change
 */
public record ServiceSecretChange(Target target, Action action, String location, Restart restart) {

    /** The Alloy services the token can be handed to. */
    public enum Target {
        /** The app's own systemd user unit {@code alloy.service}. */
        SYSTEMD_USER_UNIT,
        /** The deb/rpm package's systemd system unit {@code alloy.service}, running as user {@code alloy}. */
        SYSTEMD_SYSTEM_UNIT,
        /** The Windows service {@code Alloy} of Grafana's official installer. */
        WINDOWS_SERVICE,
        /** Homebrew's {@code grafana/grafana/alloy} under {@code brew services}. */
        HOMEBREW_SERVICE
    }

    public enum Action { WRITTEN, REMOVED, NOTHING_TO_REMOVE }

    public enum Restart {
        /** It was running and was restarted, so it uses the change now. */
        RESTARTED,
        /** systemd's try-restart: restarted if it was running; otherwise the change applies when it next starts. */
        RESTARTED_IF_RUNNING,
        /** It was not running; the change applies when it next starts. */
        NOT_RUNNING,
        /** Nothing changed, so nothing was restarted. */
        NOT_NEEDED
    }
}
