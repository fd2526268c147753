package io.alloycompanion.core.config.ast;

/**
 * A field of an object literal. A quoted key ({@code "key" = …}) keeps its text between the quotes as written, with
 * {@code quoted} set; an unquoted key is an identifier.
 */
public record ObjectField(Ident name, boolean quoted, Expr value) implements Node {

    @Override
    public int start() {
        return name.start();
    }

    @Override
    public int end() {
        return value.end();
    }
}
