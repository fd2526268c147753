package io.alloycompanion.core.config;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.Comment;
import io.alloycompanion.core.config.ast.CommentGroup;
import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.ObjectField;
import io.alloycompanion.core.config.ast.Stmt;
import java.util.List;

/** A position-free description of a tree (and its comments), to check that formatting never changes meaning. */
final class TreeShape {

    private TreeShape() {
    }

    static String of(ConfigFile file) {
        StringBuilder out = new StringBuilder();
        stmts(file.body(), out);
        out.append("\ncomments:");
        for (CommentGroup group : file.comments()) {
            for (Comment comment : group.comments()) {
                out.append("\n").append(comment.text());
            }
        }
        return out.toString();
    }

    private static void stmts(List<Stmt> body, StringBuilder out) {
        for (Stmt stmt : body) {
            if (stmt instanceof AttributeStmt) {
                AttributeStmt attribute = (AttributeStmt) stmt;
                out.append("attr ").append(attribute.name().name()).append('=');
                expr(attribute.value(), out);
                out.append(';');
            } else {
                BlockStmt block = (BlockStmt) stmt;
                out.append("block ").append(block.fullName()).append(" [").append(block.label()).append("] {");
                stmts(block.body(), out);
                out.append('}');
            }
        }
    }

    private static void expr(Expr expr, StringBuilder out) {
        if (expr instanceof Expr.Literal) {
            Expr.Literal literal = (Expr.Literal) expr;
            out.append(literal.kind()).append(':').append(literal.value());
        } else if (expr instanceof Expr.Identifier) {
            out.append("id:").append(((Expr.Identifier) expr).ident().name());
        } else if (expr instanceof Expr.Array) {
            out.append('[');
            ((Expr.Array) expr).elements().forEach(element -> {
                expr(element, out);
                out.append(',');
            });
            out.append(']');
        } else if (expr instanceof Expr.ObjectLit) {
            out.append('{');
            for (ObjectField field : ((Expr.ObjectLit) expr).fields()) {
                out.append(field.quoted() ? "\"" : "").append(field.name().name()).append('=');
                expr(field.value(), out);
                out.append(',');
            }
            out.append('}');
        } else if (expr instanceof Expr.Access) {
            Expr.Access access = (Expr.Access) expr;
            expr(access.value(), out);
            out.append('.').append(access.name().name());
        } else if (expr instanceof Expr.Index) {
            Expr.Index index = (Expr.Index) expr;
            expr(index.value(), out);
            out.append("[[");
            expr(index.index(), out);
            out.append("]]");
        } else if (expr instanceof Expr.Call) {
            Expr.Call call = (Expr.Call) expr;
            expr(call.value(), out);
            out.append("((");
            call.args().forEach(arg -> {
                expr(arg, out);
                out.append(',');
            });
            out.append("))");
        } else if (expr instanceof Expr.Unary) {
            Expr.Unary unary = (Expr.Unary) expr;
            out.append(unary.kind()).append('(');
            expr(unary.value(), out);
            out.append(')');
        } else if (expr instanceof Expr.Binary) {
            Expr.Binary binary = (Expr.Binary) expr;
            out.append('(');
            expr(binary.left(), out);
            out.append(' ').append(binary.kind()).append(' ');
            expr(binary.right(), out);
            out.append(')');
        } else if (expr instanceof Expr.Paren) {
            out.append("paren(");
            expr(((Expr.Paren) expr).inner(), out);
            out.append(')');
        }
    }
}
