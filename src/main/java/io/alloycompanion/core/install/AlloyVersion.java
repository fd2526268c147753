package io.alloycompanion.core.install;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the version from {@code alloy --version} output: {@code alloy, version v1.18.0 (branch: …)}. */
public final class AlloyVersion {

    private static final Pattern FIRST_LINE = Pattern.compile("^alloy, version (v\\S+)", Pattern.MULTILINE);

    private AlloyVersion() {
    }

    public static Optional<String> parse(String versionOutput) {
        Matcher matcher = FIRST_LINE.matcher(versionOutput);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
