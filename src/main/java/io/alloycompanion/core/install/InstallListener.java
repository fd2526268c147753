package io.alloycompanion.core.install;

/** Hears what an install is doing: each step (for the log the user sees) and download progress. */
public interface InstallListener extends DownloadProgress {

    void step(InstallEvent event);

    InstallListener NONE = new InstallListener() {
        @Override
        public void step(InstallEvent event) {
        }

        @Override
        public void progress(long done, long total, double bytesPerSecond) {
        }
    };
}
