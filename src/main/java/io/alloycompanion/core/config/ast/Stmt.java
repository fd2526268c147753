package io.alloycompanion.core.config.ast;

/** A statement in a body: an attribute ({@code name = value}) or a block ({@code name "label" { … }}). */
public sealed interface Stmt extends Node permits AttributeStmt, BlockStmt {
}
