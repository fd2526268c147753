package io.alloycompanion.core.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log or an error report: every Grafana Cloud access-policy token
 * ({@code glc_…}) and every value currently registered as a secret.
 */
public final class Redactor {

    /** The marker that replaces a secret. */
    public static final String MASK = "****";

    // glc_ + base64 (standard or URL alphabet, padding optional); 8 characters at least so prose mentioning
    // "glc_ tokens" is left alone.
    private static final Pattern CLOUD_TOKEN = Pattern.compile("glc_[A-Za-z0-9+/_=-]{8,}");
    private static final int MIN_REGISTERED_LENGTH = 4;
    private static final Redactor GLOBAL = new Redactor();

    private final List<char[]> registered = new ArrayList<>();

    public static Redactor global() {
        return GLOBAL;
    }

    /** Registers a value to mask; very short values are ignored, they would mask ordinary words. */
    public synchronized void register(char[] secret) {
        if (secret.length >= MIN_REGISTERED_LENGTH) {
            registered.add(secret);
        }
    }

    public synchronized void unregister(char[] secret) {
        registered.removeIf(candidate -> candidate == secret);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        List<char[]> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(registered);
        }
        for (char[] secret : snapshot) {
            result = replaceAll(result, secret);
        }
        Matcher matcher = CLOUD_TOKEN.matcher(result);
        return matcher.find() ? matcher.replaceAll("glc_" + MASK) : result;
    }

    private static String replaceAll(String text, char[] secret) {
        String needle = new String(secret);
        int at = text.indexOf(needle);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            out.append(text, from, at).append(MASK);
            from = at + needle.length();
            at = text.indexOf(needle, from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** For tests: forget every registered value. */
    synchronized void clear() {
        registered.forEach(secret -> Arrays.fill(secret, '\0'));
        registered.clear();
    }
}
