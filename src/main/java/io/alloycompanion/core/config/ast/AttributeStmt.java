package io.alloycompanion.core.config.ast;

public record AttributeStmt(Ident name, Expr value) implements Stmt {

    @Override
    public int start() {
        return name.start();
    }

    @Override
    public int end() {
        return value.end();
    }
}
