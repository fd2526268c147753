package io.alloycompanion.core.config.printer;

/**
 * The last stage of formatting: drops spaces and tabs at the ends of lines, turns {@code \f} into {@code \n}, and
 * removes the {@link CodePoints#ESCAPE} marks, writing escaped text (comments) exactly as it was. Works on the
 * chunks the column aligner writes, keeping its state between them, as Alloy's trimmer does.
 */
final class Trimmer {

    private enum State { SPACE, ESCAPE, TEXT }

    private final StringBuilder out = new StringBuilder();
    private final CodePoints space = new CodePoints();
    private State state = State.SPACE;

    private void emit(int[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            out.appendCodePoint(data[i]);
        }
    }

    private void emitSpace() {
        emit(space.array(), 0, space.size());
    }

    private void discardWhitespace() {
        state = State.SPACE;
        space.clear();
    }

    void write(int[] data, int from, int to) {
        int textStart = from;
        for (int off = from; off < to; off++) {
            int b = data[off];
            if (b == 0x0B) {
                b = '\t';
            }
            switch (state) {
                case SPACE:
                    if (b == '\t' || b == ' ') {
                        space.add(b);
                    } else if (b == '\n' || b == '\f') {
                        discardWhitespace();
                        out.append('\n');
                    } else if (b == CodePoints.ESCAPE) {
                        emitSpace();
                        state = State.ESCAPE;
                        textStart = off + 1;
                    } else {
                        emitSpace();
                        state = State.TEXT;
                        textStart = off;
                    }
                    break;
                case TEXT:
                    if (b == '\t' || b == ' ') {
                        emit(data, textStart, off);
                        discardWhitespace();
                        space.add(b);
                    } else if (b == '\n' || b == '\f') {
                        emit(data, textStart, off);
                        discardWhitespace();
                        out.append('\n');
                    } else if (b == CodePoints.ESCAPE) {
                        emit(data, textStart, off);
                        state = State.ESCAPE;
                        textStart = off + 1;
                    }
                    break;
                default: // ESCAPE
                    if (b == CodePoints.ESCAPE) {
                        emit(data, textStart, off);
                        discardWhitespace();
                    }
            }
        }
        if (state == State.ESCAPE || state == State.TEXT) {
            emit(data, textStart, to);
            discardWhitespace();
        }
    }

    String result() {
        return out.toString();
    }
}
