package io.alloycompanion.core.config.syntax;

/**
 * A place in a source file as Alloy reports it: 1-based line, and 1-based column counted in UTF-8 bytes (Alloy
 * counts bytes, so a column after a non-ASCII character is larger than the number of characters before it).
 * {@code offset} is the char offset into the Java string.
 */
public record Position(String filename, int offset, int line, int column) {

    /** {@code file:line:col}, {@code line:col} without a file name, as Alloy prints positions. */
    @Override
    public String toString() {
        String location = line + ":" + column;
        return filename.isEmpty() ? location : filename + ":" + location;
    }
}
