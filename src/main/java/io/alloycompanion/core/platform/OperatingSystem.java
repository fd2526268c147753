package io.alloycompanion.core.platform;

import java.util.Locale;

/** The operating systems the app knows how to behave on. */
public enum OperatingSystem {
    WINDOWS("windows"),
    MACOS("darwin"),
    LINUX("linux"),
    OTHER("other");

    private final String alloyName;

    OperatingSystem(String alloyName) {
        this.alloyName = alloyName;
    }

    /** The name Alloy's release assets use for this OS (`alloy-<os>-<arch>.zip`). */
    public String alloyName() {
        return alloyName;
    }

    public static OperatingSystem fromOsName(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        if (name.startsWith("linux")) {
            return LINUX;
        }
        return OTHER;
    }

    public static OperatingSystem current() {
        return fromOsName(System.getProperty("os.name", ""));
    }
}
