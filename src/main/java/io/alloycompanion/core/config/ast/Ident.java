package io.alloycompanion.core.config.ast;

/** A name as written: an attribute name, an object key, or the name after a dot. */
public record Ident(String name, int pos) implements Node {

    @Override
    public int start() {
        return pos;
    }

    @Override
    public int end() {
        return pos < 0 ? NO_POS : pos + name.length() - 1;
    }
}
