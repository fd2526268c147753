package io.alloycompanion.core.config.ast;

import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Small queries over syntax trees, shared by lint, edits and generation. */
public final class Trees {

    private Trees() {
    }

    public static List<BlockStmt> blocks(List<Stmt> body) {
        List<BlockStmt> blocks = new ArrayList<>();
        for (Stmt stmt : body) {
            if (stmt instanceof BlockStmt) {
                blocks.add((BlockStmt) stmt);
            }
        }
        return blocks;
    }

    public static List<BlockStmt> blocks(List<Stmt> body, String name) {
        return blocks(body).stream().filter(block -> block.fullName().equals(name)).toList();
    }

    public static Optional<AttributeStmt> attribute(List<Stmt> body, String name) {
        for (Stmt stmt : body) {
            if (stmt instanceof AttributeStmt && ((AttributeStmt) stmt).name().name().equals(name)) {
                return Optional.of((AttributeStmt) stmt);
            }
        }
        return Optional.empty();
    }

    /** The text of a string literal without quotes and escapes, if the expression is one. */
    public static Optional<String> stringValue(Expr expr) {
        if (expr instanceof Expr.Literal && ((Expr.Literal) expr).kind() == TokenKind.STRING) {
            return Optional.of(StringLiterals.unquote(((Expr.Literal) expr).value()));
        }
        return Optional.empty();
    }

    /**
     * The dotted name an expression refers to, for plain chains of identifiers and field accesses
     * ({@code prometheus.remote_write.default.receiver}); empty for anything else.
     */
    public static Optional<String> dottedName(Expr expr) {
        if (expr instanceof Expr.Identifier) {
            return Optional.of(((Expr.Identifier) expr).ident().name());
        }
        if (expr instanceof Expr.Access) {
            Expr.Access access = (Expr.Access) expr;
            return dottedName(access.value()).map(prefix -> prefix + "." + access.name().name());
        }
        return Optional.empty();
    }

    /** Visits every statement, depth first, with the stack of enclosing blocks (outermost first). */
    public static void forEachStatement(List<Stmt> body, StatementVisitor visitor) {
        walk(body, new ArrayList<>(), visitor);
    }

    /** Receives a statement and the blocks around it. */
    @FunctionalInterface
    public interface StatementVisitor {
        void visit(Stmt stmt, List<BlockStmt> enclosing);
    }

    private static void walk(List<Stmt> body, List<BlockStmt> enclosing, StatementVisitor visitor) {
        for (Stmt stmt : body) {
            visitor.visit(stmt, List.copyOf(enclosing));
            if (stmt instanceof BlockStmt) {
                enclosing.add((BlockStmt) stmt);
                walk(((BlockStmt) stmt).body(), enclosing, visitor);
                enclosing.remove(enclosing.size() - 1);
            }
        }
    }

    /** Visits an expression and every expression inside it. */
    public static void forEachExpression(Expr expr, Consumer<Expr> visitor) {
        visitor.accept(expr);
        if (expr instanceof Expr.Array) {
            ((Expr.Array) expr).elements().forEach(element -> forEachExpression(element, visitor));
        } else if (expr instanceof Expr.ObjectLit) {
            ((Expr.ObjectLit) expr).fields().forEach(field -> forEachExpression(field.value(), visitor));
        } else if (expr instanceof Expr.Access) {
            forEachExpression(((Expr.Access) expr).value(), visitor);
        } else if (expr instanceof Expr.Index) {
            forEachExpression(((Expr.Index) expr).value(), visitor);
            forEachExpression(((Expr.Index) expr).index(), visitor);
        } else if (expr instanceof Expr.Call) {
            forEachExpression(((Expr.Call) expr).value(), visitor);
            ((Expr.Call) expr).args().forEach(arg -> forEachExpression(arg, visitor));
        } else if (expr instanceof Expr.Unary) {
            forEachExpression(((Expr.Unary) expr).value(), visitor);
        } else if (expr instanceof Expr.Binary) {
            forEachExpression(((Expr.Binary) expr).left(), visitor);
            forEachExpression(((Expr.Binary) expr).right(), visitor);
        } else if (expr instanceof Expr.Paren) {
            forEachExpression(((Expr.Paren) expr).inner(), visitor);
        }
    }
}
