package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformNamesTest {

    @ParameterizedTest
    @CsvSource({"Windows 11,WINDOWS,windows", "Mac OS X,MACOS,darwin", "Linux,LINUX,linux", "FreeBSD,OTHER,other"})
    void operatingSystemsMapToAlloyAssetNames(String osName, OperatingSystem expected, String alloyName) {
        assertThat(OperatingSystem.fromOsName(osName)).isEqualTo(expected);
        assertThat(expected.alloyName()).isEqualTo(alloyName);
    }

    @ParameterizedTest
    @CsvSource({"amd64,amd64", "x86_64,amd64", "aarch64,arm64", "arm64,arm64", "ppc64le,ppc64le", "s390x,s390x", "x86,other"})
    void architecturesMapToAlloyAssetNames(String osArch, String alloyName) {
        assertThat(Architecture.fromOsArch(osArch).alloyName()).isEqualTo(alloyName);
    }
}
