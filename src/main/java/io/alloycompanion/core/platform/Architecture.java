package io.alloycompanion.core.platform;

import java.util.Locale;

/** CPU architectures, named as Alloy's release assets name them. */
public enum Architecture {
    AMD64("amd64"),
    ARM64("arm64"),
    PPC64LE("ppc64le"),
    S390X("s390x"),
    OTHER("other");

    private final String alloyName;

    Architecture(String alloyName) {
        this.alloyName = alloyName;
    }

    public String alloyName() {
        return alloyName;
    }

    public static Architecture fromOsArch(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
            case "x64":
                return AMD64;
            case "aarch64":
            case "arm64":
                return ARM64;
            case "ppc64le":
                return PPC64LE;
            case "s390x":
                return S390X;
            default:
                return OTHER;
        }
    }

    public static Architecture current() {
        return fromOsArch(System.getProperty("os.arch", ""));
    }
}
