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
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            add(c);
            i += Character.charCount(c);
        }
    }

    void add(int[] source, int from, int to) {
        for (int i = from; i < to; i++) {
            add(source[i]);
        }
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
