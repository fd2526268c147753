package io.alloycompanion.core.install;

/**
 * One thing an install did, for the log the user sees: what, and the one detail that goes with it (a tag, a URL, a
 * checksum). The CLI prints {@link #english()}; the app shows it in the user's language.
 */
public record InstallEvent(What what, String detail) {

    public enum What { ASKING_LATEST, READING_SUMS, DOWNLOADING, VERIFIED, BINARY_RUNS, ACTIVE, WRITING_UNIT, RUNNING_INSTALLER, HANDING_TOKEN }

    public static InstallEvent of(What what) {
        return new InstallEvent(what, "");
    }

    public String english() {
        switch (what) {
            case ASKING_LATEST:
                return "Asking " + detail + " for the latest release";
            case READING_SUMS:
                return "Reading SHA256SUMS of " + detail;
            case DOWNLOADING:
                return "Downloading " + detail;
            case VERIFIED:
                return "Checksum verified (" + detail + ")";
            case BINARY_RUNS:
                return "The binary runs: alloy " + detail;
            case ACTIVE:
                return "Alloy " + detail + " is active";
            case WRITING_UNIT:
                return "Writing the systemd user unit";
            case RUNNING_INSTALLER:
                return "Running the official installer (accept the UAC prompt)";
            default:
                return "Handing the Grafana Cloud token to the service";
        }
    }

    @Override
    public String toString() {
        return english();
    }
}
