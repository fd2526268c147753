package io.alloycompanion.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds tokens in one line of text: {@code glc_} tokens by shape, and the stored token by value. */
final class TokenMatcher {

    // Redactor's shape, but 20 characters at least: a leak report must not flag prose or placeholders such as
    // "glc_xxxx". A real token is far longer (base64 of a JSON object).
    private static final Pattern CLOUD_TOKEN = Pattern.compile("glc_[A-Za-z0-9+/_=-]{20,}");
    // A shorter stored value would match ordinary text everywhere.
    static final int MIN_STORED_LENGTH = 8;

    record Match(String maskedValue, Leak.Kind kind) {
    }

    private final Optional<char[]> stored;
    private final String storedMasked;

    /** {@code stored} is borrowed, not copied: the caller wipes it after the scan. */
    TokenMatcher(Optional<char[]> stored, String storedMasked) {
        this.stored = stored.filter(chars -> chars.length >= MIN_STORED_LENGTH);
        this.storedMasked = storedMasked;
    }

    List<Match> find(CharSequence line) {
        List<Match> matches = new ArrayList<>();
        List<int[]> storedRanges = new ArrayList<>();
        if (stored.isPresent()) {
            char[] needle = stored.get();
            for (int at = SecretChars.indexOf(line, needle, 0); at >= 0; at = SecretChars.indexOf(line, needle, at + 1)) {
                storedRanges.add(new int[] {at, at + needle.length});
                matches.add(new Match(storedMasked, Leak.Kind.STORED_TOKEN));
            }
        }
        Matcher matcher = CLOUD_TOKEN.matcher(line);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            // The stored token is the more useful finding; do not report it a second time by its shape.
            if (storedRanges.stream().noneMatch(range -> start < range[1] && range[0] < end)) {
                matches.add(new Match(mask(matcher.group()), Leak.Kind.CLOUD_TOKEN));
            }
        }
        return matches;
    }

    static String mask(String token) {
        return "glc_…" + token.substring(token.length() - 4);
    }
}
