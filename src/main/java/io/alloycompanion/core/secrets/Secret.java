package io.alloycompanion.core.secrets;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A secret value such as a Grafana Cloud token. Kept as {@code char[]} so it can be wiped, never printed by
 * {@link #toString()}, and registered with the {@link Redactor} for as long as it lives so it cannot reach a log.
 */
public final class Secret implements AutoCloseable {

    private final char[] value;
    private boolean wiped;

    private Secret(char[] value) {
        this.value = value;
        Redactor.global().register(value);
    }

    /** Takes a copy of the characters, trimmed of surrounding whitespace and line breaks (a common cause of 401s). */
    public static Secret of(char[] chars) {
        int start = 0;
        int end = chars.length;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        return new Secret(Arrays.copyOfRange(chars, start, end));
    }

    public synchronized boolean isEmpty() {
        return value.length == 0;
    }

    /** Hands the characters to {@code use} without letting a copy escape as a {@code String} by accident. */
    public synchronized <T> T reveal(Function<char[], T> use) {
        if (wiped) {
            throw new IllegalStateException("secret was already wiped");
        }
        return use.apply(value);
    }

    /** {@code glc_…abcd}: enough to recognise which token it is, never enough to use it. */
    public synchronized String masked() {
        if (wiped || value.length == 0) {
            return "…";
        }
        String prefix = value.length > 8 && value[3] == '_' ? new String(value, 0, 4) : "";
        String last = value.length > 8 ? new String(value, value.length - 4, 4) : "";
        return prefix + "…" + last;
    }

    /** Overwrites the characters and forgets them; using the secret afterwards fails. */
    @Override
    public synchronized void close() {
        if (!wiped) {
            Redactor.global().unregister(value);
            Arrays.fill(value, '\0');
            wiped = true;
        }
    }

    @Override
    public String toString() {
        return "Secret[" + masked() + "]";
    }
}
