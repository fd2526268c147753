package io.alloycompanion.core.config.ast;

/**
 * A node of the syntax tree. Positions are char offsets into the file's text; {@link #start()} is the first
 * character of the node and {@link #end()} its last (inclusive), as Alloy defines them, so a node spans
 * {@code text.substring(start(), end() + 1)}. A negative position means "not in the source".
 */
public sealed interface Node permits Stmt, Expr, Ident, ObjectField, Comment {

    int NO_POS = -1;

    int start();

    int end();
}
