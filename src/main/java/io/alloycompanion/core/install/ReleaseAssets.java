package io.alloycompanion.core.install;

import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.OperatingSystem;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which of Alloy's release assets holds the binary for an OS and architecture (FACTS.md §1). */
public final class ReleaseAssets {

    private static final Set<String> PUBLISHED = Set.of("linux-amd64", "linux-arm64", "linux-ppc64le", "linux-s390x",
            "darwin-amd64", "darwin-arm64", "windows-amd64");

    private ReleaseAssets() {
    }

    /** The zip's name, e.g. {@code alloy-linux-amd64.zip}, {@code alloy-windows-amd64.exe.zip}; empty if Alloy ships none. */
    public static Optional<String> zipFor(OperatingSystem os, Architecture arch) {
        String platform = os.alloyName() + "-" + arch.alloyName();
        if (!PUBLISHED.contains(platform)) {
            return Optional.empty();
        }
        return Optional.of("alloy-" + platform + (os == OperatingSystem.WINDOWS ? ".exe" : "") + ".zip");
    }

    private static final Pattern TAG = Pattern.compile("^v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?$");
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.]+)?$");

    /** A release tag as Alloy publishes them ({@code v1.18.0}, {@code v1.9.0-rc.1}); nothing that could leave a folder. */
    public static boolean isTag(String tag) {
        return TAG.matcher(tag).matches() && !tag.contains("..");
    }

    /**
     * Whether release {@code candidate} is newer than {@code current} (both like {@code v1.18.0}; a pre-release such as
     * {@code v1.19.0-rc.1} is older than {@code v1.19.0}). Anything that is not a tag is never newer.
     */
    public static boolean isNewer(String candidate, String current) {
        Matcher a = VERSION.matcher(candidate);
        Matcher b = VERSION.matcher(current);
        if (!a.matches() || !b.matches()) {
            return false;
        }
        for (int group = 1; group <= 3; group++) {
            int compared = new BigInteger(a.group(group)).compareTo(new BigInteger(b.group(group)));
            if (compared != 0) {
                return compared > 0;
            }
        }
        return a.group(4) == null && b.group(4) != null; // the release after its own pre-release
    }

    /** The binary inside a zip: the zip's name without {@code .zip}. */
    public static String binaryIn(String zip) {
        return zip.substring(0, zip.length() - ".zip".length());
    }
}
