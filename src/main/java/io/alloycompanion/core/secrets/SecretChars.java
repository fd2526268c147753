package io.alloycompanion.core.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Converts secret characters to and from UTF-8 without passing through a {@code String}, which could not be
 * wiped; every intermediate buffer is overwritten before it is dropped.
 */
final class SecretChars {

    private SecretChars() {
    }

    /** The UTF-8 bytes of {@code chars}; the caller wipes them when done. */
    static byte[] toUtf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** The characters of UTF-8 {@code bytes}; the caller wipes them when done. */
    static char[] fromUtf8(byte[] bytes) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] chars = Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    /** Where {@code needle} first occurs in {@code text} at or after {@code from}, or -1. */
    static int indexOf(CharSequence text, char[] needle, int from) {
        if (needle.length == 0) {
            return -1;
        }
        int last = text.length() - needle.length;
        outer:
        for (int at = Math.max(0, from); at <= last; at++) {
            for (int i = 0; i < needle.length; i++) {
                if (text.charAt(at + i) != needle[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }
}
