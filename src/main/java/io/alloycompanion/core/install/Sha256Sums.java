package io.alloycompanion.core.install;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code SHA256SUMS} file: {@code <64 hex><two spaces><file>} per line, a leading {@code *} (binary mode) allowed. */
public final class Sha256Sums {

    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(\\S.*?)\\s*$");

    private final Map<String, String> sums;

    private Sha256Sums(Map<String, String> sums) {
        this.sums = Map.copyOf(sums);
    }

    public static Sha256Sums parse(String text) {
        Map<String, String> sums = new HashMap<>();
        for (String line : text.split("\\R")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                sums.put(matcher.group(2), matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return new Sha256Sums(sums);
    }

    public Optional<String> forFile(String name) {
        return Optional.ofNullable(sums.get(name));
    }

    public int size() {
        return sums.size();
    }
}
