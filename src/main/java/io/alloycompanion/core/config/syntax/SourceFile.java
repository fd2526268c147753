package io.alloycompanion.core.config.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The text of one configuration file and the start of each of its lines, for turning offsets into positions. */
public final class SourceFile {

    private final String name;
    private final String text;
    private final int[] lineStarts;
    /** Index of the line last looked up: lookups mostly move forward a little, so try it (and the next) first. */
    private int lastLine;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        lineStarts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** 1-based line of a char offset. */
    public int line(int offset) {
        int guess = lastLine; // one read: other threads may update it, any value is a valid starting point
        for (int candidate = guess; candidate <= guess + 1 && candidate < lineStarts.length; candidate++) {
            if (lineStarts[candidate] <= offset && (candidate + 1 == lineStarts.length || offset < lineStarts[candidate + 1])) {
                lastLine = candidate;
                return candidate + 1;
            }
        }
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index + 1 : -index - 1;
        lastLine = Math.max(0, line - 1);
        return line;
    }

    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    public int lineCount() {
        return lineStarts.length;
    }

    public Position position(int offset) {
        int line = line(offset);
        int start = lineStarts[line - 1];
        int column = utf8Length(text, start, Math.min(offset, text.length())) + 1 + Math.max(0, offset - text.length());
        return new Position(name, offset, line, column);
    }

    static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The UTF-8 byte length of a string, as Go's {@code len} counts it. */
    public static int byteLength(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
