package io.alloycompanion.core.config.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns columns with elastic tabstops, behaving exactly like Go's {@code text/tabwriter} as Alloy configures it
 * (min width 0, tab width 8, padding 1, pad with spaces, DiscardEmptyColumns and TabIndent), because {@code alloy fmt}
 * aligns {@code =} signs and trailing comments with it.
 *
 * <p>Cells end at {@code \t} (hard), {@code \v} (soft), {@code \n} or {@code \f}; tab-terminated cells on adjacent
 * lines form a column padded to its widest cell; {@code \f} also ends every column. Text between
 * {@link CodePoints#ESCAPE} marks is passed through without interpretation.
 */
final class TabWriter {

    private static final int MIN_WIDTH = 0;
    private static final int TAB_WIDTH = 8;
    private static final int PADDING = 1;
    private static final int[] TABS = {'\t', '\t', '\t', '\t', '\t', '\t', '\t', '\t'};
    private static final int[] SPACES = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    private static final int[] NEWLINE = {'\n'};

    private static final class Cell {
        int size;
        int width;
        boolean htab;
    }

    private final Trimmer output;
    private final CodePoints buf = new CodePoints();
    private int pos;
    private Cell cell = new Cell();
    private boolean inEscape;
    private final List<List<Cell>> lines = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();

    TabWriter(Trimmer output) {
        this.output = output;
        reset();
    }

    private void reset() {
        buf.clear();
        pos = 0;
        cell = new Cell();
        inEscape = false;
        lines.clear();
        widths.clear();
        lines.add(new ArrayList<>());
    }

    private void write0(int[] data, int from, int to) {
        output.write(data, from, to);
    }

    private void writeN(int[] source, int n) {
        while (n > source.length) {
            write0(source, 0, source.length);
            n -= source.length;
        }
        write0(source, 0, n);
    }

    private void writePadding(int textWidth, int cellWidth, boolean useTabs) {
        if (useTabs) {
            int rounded = (cellWidth + TAB_WIDTH - 1) / TAB_WIDTH * TAB_WIDTH;
            int n = rounded - textWidth;
            if (n < 0) {
                throw new IllegalStateException("internal error: negative padding");
            }
            writeN(TABS, (n + TAB_WIDTH - 1) / TAB_WIDTH);
            return;
        }
        writeN(SPACES, cellWidth - textWidth);
    }

    private int writeLines(int pos0, int line0, int line1) {
        int at = pos0;
        for (int i = line0; i < line1; i++) {
            List<Cell> line = lines.get(i);
            boolean useTabs = true; // TabIndent: leading empty cells are padded with tabs
            for (int j = 0; j < line.size(); j++) {
                Cell c = line.get(j);
                if (c.size == 0) {
                    if (j < widths.size()) {
                        writePadding(c.width, widths.get(j), useTabs);
                    }
                } else {
                    useTabs = false;
                    write0(buf.array(), at, at + c.size);
                    at += c.size;
                    if (j < widths.size()) {
                        writePadding(c.width, widths.get(j), false);
                    }
                }
            }
            if (i + 1 == lines.size()) {
                // The last buffered line has no line break yet: write what is pending of it.
                write0(buf.array(), at, at + cell.size);
                at += cell.size;
            } else {
                write0(NEWLINE, 0, 1);
            }
        }
        return at;
    }

    private int format(int pos0, int line0, int line1) {
        int at = pos0;
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            List<Cell> line = lines.get(current);
            if (column >= line.size() - 1) {
                continue;
            }
            // This line has a cell in this column: a column block starts here.
            at = writeLines(at, line0, current);
            line0 = current;
            int width = MIN_WIDTH;
            boolean discardable = true;
            for (; current < line1; current++) {
                line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                Cell c = line.get(column);
                width = Math.max(width, c.width + PADDING);
                if (c.width > 0 || c.htab) {
                    discardable = false;
                }
            }
            if (discardable) {
                width = 0; // DiscardEmptyColumns
            }
            widths.add(width);
            at = format(at, line0, current);
            widths.remove(widths.size() - 1);
            line0 = current;
        }
        return writeLines(at, line0, line1);
    }

    private void append(int[] data, int from, int to) {
        buf.add(data, from, to);
        cell.size += to - from;
    }

    private void updateWidth() {
        cell.width += buf.size() - pos;
        pos = buf.size();
    }

    private void endEscape() {
        updateWidth();
        cell.width -= 2; // the escape marks take no room
        pos = buf.size();
        inEscape = false;
    }

    private int terminateCell(boolean htab) {
        cell.htab = htab;
        List<Cell> line = lines.get(lines.size() - 1);
        line.add(cell);
        cell = new Cell();
        return line.size();
    }

    void flush() {
        if (cell.size > 0) {
            if (inEscape) {
                endEscape();
            }
            terminateCell(false);
        }
        format(0, 0, lines.size());
        reset();
    }

    void write(int[] data, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            int ch = data[i];
            if (!inEscape) {
                if (ch == '\t' || ch == 0x0B || ch == '\n' || ch == '\f') {
                    append(data, n, i);
                    updateWidth();
                    n = i + 1;
                    int cells = terminateCell(ch == '\t');
                    if (ch == '\n' || ch == '\f') {
                        lines.add(new ArrayList<>());
                        if (ch == '\f' || cells == 1) {
                            // A \f always ends the column block; so does a line with a single cell, which cannot
                            // affect how later lines align.
                            flush();
                        }
                    }
                } else if (ch == CodePoints.ESCAPE) {
                    append(data, n, i);
                    updateWidth();
                    n = i;
                    inEscape = true;
                }
            } else if (ch == CodePoints.ESCAPE) {
                append(data, n, i + 1);
                n = i + 1;
                endEscape();
            }
        }
        append(data, n, length);
    }
}
