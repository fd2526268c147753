package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.OperatingSystem;
import org.junit.jupiter.api.Test;

class ReleaseFilesTest {

    @Test
    void assetNamesAreExactlyAsPublished() {
        assertThat(ReleaseAssets.zipFor(OperatingSystem.LINUX, Architecture.AMD64)).contains("alloy-linux-amd64.zip");
        assertThat(ReleaseAssets.zipFor(OperatingSystem.LINUX, Architecture.S390X)).contains("alloy-linux-s390x.zip");
        assertThat(ReleaseAssets.zipFor(OperatingSystem.MACOS, Architecture.ARM64)).contains("alloy-darwin-arm64.zip");
        assertThat(ReleaseAssets.zipFor(OperatingSystem.WINDOWS, Architecture.AMD64)).contains("alloy-windows-amd64.exe.zip");
        assertThat(ReleaseAssets.zipFor(OperatingSystem.WINDOWS, Architecture.ARM64)).isEmpty();
        assertThat(ReleaseAssets.binaryIn("alloy-windows-amd64.exe.zip")).isEqualTo("alloy-windows-amd64.exe");
    }

    @Test
    void sha256SumsAcceptsBinaryModeAndIgnoresNoise() {
        String hash = "ab".repeat(32);
        Sha256Sums sums = Sha256Sums.parse(hash + "  alloy-linux-amd64.zip\r\n"
                + hash.toUpperCase() + " *alloy-windows-amd64.exe.zip\n\nnot a line\n");
        assertThat(sums.forFile("alloy-linux-amd64.zip")).contains(hash);
        assertThat(sums.forFile("alloy-windows-amd64.exe.zip")).contains(hash);
        assertThat(sums.forFile("alloy-darwin-arm64.zip")).isEmpty();
        assertThat(sums.size()).isEqualTo(2);
    }

    @Test
    void comparesReleasesByNumberNotByText() {
        assertThat(ReleaseAssets.isNewer("v1.10.0", "v1.9.2")).isTrue();
        assertThat(ReleaseAssets.isNewer("v1.9.2", "v1.10.0")).isFalse();
        assertThat(ReleaseAssets.isNewer("v2.0.0", "1.18.0")).isTrue();
        assertThat(ReleaseAssets.isNewer("v1.18.0", "v1.18.0")).isFalse();
        assertThat(ReleaseAssets.isNewer("v1.19.0", "v1.19.0-rc.1")).as("the release after its pre-release").isTrue();
        assertThat(ReleaseAssets.isNewer("v1.19.0-rc.1", "v1.19.0")).isFalse();
        assertThat(ReleaseAssets.isNewer("v1.19.0-rc.1", "v1.18.0")).isTrue();
        assertThat(ReleaseAssets.isNewer("latest", "v1.18.0")).isFalse();
        assertThat(ReleaseAssets.isNewer("v1.18.1", "devel")).isFalse();
    }
}
