package io.alloycompanion.core.config.ast;

/** A {@code //} or {@code /* *\/} comment; {@code text} includes the comment markers. */
public record Comment(int pos, String text) implements Node {

    public boolean isBlock() {
        return text.length() > 1 && text.charAt(1) == '*';
    }

    @Override
    public int start() {
        return pos;
    }

    @Override
    public int end() {
        return pos + text.length() - 1;
    }
}
