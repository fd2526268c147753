package io.alloycompanion.core.config.printer;

import java.util.Arrays;

/**
 * A growable run of code points with one extra symbol, {@link #ESCAPE}, that brackets text the column aligner must
 * pass through untouched (Go's tabwriter uses the byte 0xFF, which cannot occur in UTF-8; no code point is negative).
 */
final class CodePoints {

    static final int ESCAPE = -1;

    private int[] data = new int[256];
    private int size;

    void add(int codePoint) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = codePoint;
    }

    void add(String text) {
        if (size + text.length() > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + text.length()));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                data[size++] = Character.toCodePoint(c, text.charAt(++i));
            } else {
                data[size++] = c;
            }
        }
    }

    void add(int[] source, int from, int to) {
        int count = to - from;
        if (size + count > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + count));
        }
        System.arraycopy(source, from, data, size, count);
        size += count;
    }

    int get(int index) {
        return data[index];
    }

    int size() {
        return size;
    }

    int[] array() {
        return data;
    }

    void clear() {
        size = 0;
    }
}
