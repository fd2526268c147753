package io.alloycompanion.core.install;

/** Receives download progress: bytes so far, the total (-1 when unknown), and the current speed in bytes per second. */
@FunctionalInterface
public interface DownloadProgress {

    void progress(long done, long total, double bytesPerSecond);

    DownloadProgress NONE = (done, total, speed) -> { };
}
