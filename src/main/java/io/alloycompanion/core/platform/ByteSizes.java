package io.alloycompanion.core.platform;

import java.util.Locale;

/** Sizes as people read them, in decimal units like download sizes elsewhere in the app (1 MB = 1,000,000 bytes). */
public final class ByteSizes {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** {@code 512 B}, {@code 12.3 kB}, {@code 1.5 GB}: one decimal in the locale's notation. */
    public static String describe(long bytes, Locale locale) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while ((unit < 0 ? value >= 1000 : value >= 999.95) && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(locale, "%.1f %s", value, UNITS[unit]);
    }
}
