package io.alloycompanion.core.config.printer;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.Node;
import io.alloycompanion.core.config.ast.ObjectField;
import io.alloycompanion.core.config.ast.Stmt;
import io.alloycompanion.core.config.printer.TokenPrinter.Ws;
import io.alloycompanion.core.config.syntax.GoFormat;
import io.alloycompanion.core.config.syntax.SourceFile;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.List;

/**
 * Formats a syntax tree the way {@code alloy fmt} does: tabs for indentation, {@code =} aligned across adjacent
 * attributes and object fields, comments kept in place, at most one blank line in a row, blocks separated by a blank
 * line, trailing commas on multi-line lists. The output has no final newline; {@code alloy fmt} adds one.
 */
public final class Printer {

    private final SourceFile source;
    private final TokenPrinter p;

    private Printer(ConfigFile file) {
        this.source = file.source();
        this.p = new TokenPrinter(file.source(), file.comments());
    }

    /** Formats a file that parsed without errors. */
    public static String print(ConfigFile file) {
        Printer printer = new Printer(file);
        printer.walkStmts(file.body());
        printer.p.finish();
        return printer.p.result();
    }

    private int line(int offset) {
        return offset < 0 ? 0 : source.line(offset);
    }

    private int nodeLines(Node node) {
        return line(node.end()) - line(node.start()) + 1;
    }

    private boolean differentLines(int a, int b) {
        return line(a) != line(b);
    }

    private void walkStmts(List<Stmt> stmts) {
        for (int i = 0; i < stmts.size(); i++) {
            Stmt stmt = stmts.get(i);
            boolean addedSpacing = false;
            if (i > 0 && stmt instanceof BlockStmt) {
                p.ws(Ws.FORMFEED); // blocks are always separated by a blank line
                addedSpacing = true;
            }
            if (i > 0 && !addedSpacing && line(stmt.start()) - line(stmts.get(i - 1).end()) > 1) {
                p.ws(Ws.FORMFEED); // keep one blank line where the source had some
            }
            walkStmt(stmt);
            // A statement over several lines ends the alignment run; a one-liner continues it.
            p.ws(nodeLines(stmt) > 1 ? Ws.FORMFEED : Ws.NEWLINE);
        }
    }

    private void walkStmt(Stmt stmt) {
        if (stmt instanceof AttributeStmt) {
            AttributeStmt attribute = (AttributeStmt) stmt;
            p.at(attribute.name().pos());
            p.ident(attribute.name().name());
            p.ws(Ws.VTAB);
            p.token(TokenKind.ASSIGN);
            p.ws(Ws.BLANK);
            walkExpr(attribute.value());
        } else {
            walkBlock((BlockStmt) stmt);
        }
    }

    private void walkBlock(BlockStmt block) {
        p.at(block.namePos());
        p.ident(block.fullName());
        if (!block.label().isEmpty()) {
            p.ws(Ws.BLANK);
            p.at(block.labelPos());
            p.literal(TokenKind.STRING, GoFormat.quote(block.label()));
        }
        p.ws(Ws.BLANK);
        p.at(block.lCurly());
        p.token(TokenKind.LCURLY);
        p.ws(Ws.INDENT);
        if (!block.body().isEmpty()) {
            p.ws(Ws.FORMFEED);
            walkStmts(block.body());
        } else {
            p.ws(Ws.BLANK);
        }
        p.ws(Ws.UNINDENT);
        p.at(block.rCurly());
        p.token(TokenKind.RCURLY);
    }

    private void walkExpr(Expr expr) {
        if (expr instanceof Expr.Literal) {
            Expr.Literal literal = (Expr.Literal) expr;
            p.at(literal.pos());
            p.literal(literal.kind(), literal.value());
        } else if (expr instanceof Expr.Array) {
            walkArray((Expr.Array) expr);
        } else if (expr instanceof Expr.ObjectLit) {
            walkObject((Expr.ObjectLit) expr);
        } else if (expr instanceof Expr.Identifier) {
            Expr.Identifier identifier = (Expr.Identifier) expr;
            p.at(identifier.ident().pos());
            p.ident(identifier.ident().name());
        } else if (expr instanceof Expr.Access) {
            Expr.Access access = (Expr.Access) expr;
            walkExpr(access.value());
            p.token(TokenKind.DOT);
            p.ident(access.name().name());
        } else if (expr instanceof Expr.Index) {
            Expr.Index index = (Expr.Index) expr;
            walkExpr(index.value());
            p.at(index.lBrack());
            p.token(TokenKind.LBRACK);
            walkExpr(index.index());
            p.at(index.rBrack());
            p.token(TokenKind.RBRACK);
        } else if (expr instanceof Expr.Call) {
            walkCall((Expr.Call) expr);
        } else if (expr instanceof Expr.Unary) {
            Expr.Unary unary = (Expr.Unary) expr;
            p.at(unary.pos());
            p.token(unary.kind());
            walkExpr(unary.value());
        } else if (expr instanceof Expr.Binary) {
            Expr.Binary binary = (Expr.Binary) expr;
            walkExpr(binary.left());
            p.ws(Ws.BLANK);
            p.at(binary.pos());
            p.token(binary.kind());
            p.ws(Ws.BLANK);
            walkExpr(binary.right());
        } else if (expr instanceof Expr.Paren) {
            Expr.Paren paren = (Expr.Paren) expr;
            p.token(TokenKind.LPAREN);
            walkExpr(paren.inner());
            p.token(TokenKind.RPAREN);
        }
    }

    private void walkArray(Expr.Array array) {
        p.at(array.lBrack());
        p.token(TokenKind.LBRACK);
        int prevPos = array.lBrack();
        List<Expr> elements = array.elements();
        for (int i = 0; i < elements.size(); i++) {
            boolean addedNewline = false;
            Expr element = elements.get(i);
            if (differentLines(prevPos, element.start())) {
                // Indent before the newline so comments written before the element are indented too.
                p.ws(Ws.INDENT);
                p.ws(Ws.FORMFEED);
                addedNewline = true;
            } else if (i > 0) {
                p.ws(Ws.BLANK);
            }
            prevPos = element.end();
            walkExpr(element);
            if (i + 1 < elements.size()) {
                p.token(TokenKind.COMMA);
            }
            if (addedNewline) {
                p.ws(Ws.UNINDENT);
            }
        }
        if (!elements.isEmpty() && differentLines(prevPos, array.rBrack())) {
            p.token(TokenKind.COMMA);
            p.ws(Ws.INDENT);
            p.ws(Ws.FORMFEED);
            p.ws(Ws.UNINDENT);
        }
        p.at(array.rBrack());
        p.token(TokenKind.RBRACK);
    }

    private void walkObject(Expr.ObjectLit object) {
        p.at(object.lCurly());
        p.token(TokenKind.LCURLY);
        p.ws(Ws.INDENT);
        int prevPos = object.lCurly();
        List<ObjectField> fields = object.fields();
        for (int i = 0; i < fields.size(); i++) {
            ObjectField field = fields.get(i);
            if (differentLines(prevPos, field.name().start())) {
                // Align "=" with the previous field only when that field's value fits on one line.
                p.ws(i > 0 && nodeLines(fields.get(i - 1).value()) == 1 ? Ws.NEWLINE : Ws.FORMFEED);
            } else if (i > 0) {
                p.ws(Ws.BLANK);
            }
            prevPos = field.name().end();
            p.at(field.name().pos());
            if (field.quoted()) {
                p.literal(TokenKind.STRING, GoFormat.quote(field.name().name()));
            } else {
                p.ident(field.name().name());
            }
            p.ws(Ws.VTAB);
            p.token(TokenKind.ASSIGN);
            p.ws(Ws.BLANK);
            walkExpr(field.value());
            if (i + 1 < fields.size()) {
                p.token(TokenKind.COMMA);
            }
        }
        if (!fields.isEmpty() && differentLines(prevPos, object.rCurly())) {
            p.token(TokenKind.COMMA);
            p.ws(Ws.FORMFEED);
        }
        p.ws(Ws.UNINDENT);
        p.at(object.rCurly());
        p.token(TokenKind.RCURLY);
    }

    private void walkCall(Expr.Call call) {
        walkExpr(call.value());
        p.token(TokenKind.LPAREN);
        int prevPos = call.lParen();
        List<Expr> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            boolean addedNewline = false;
            Expr arg = args.get(i);
            if (differentLines(prevPos, arg.start())) {
                p.ws(Ws.FORMFEED);
                p.ws(Ws.INDENT);
                addedNewline = true;
            }
            walkExpr(arg);
            prevPos = arg.end();
            if (i + 1 < args.size()) {
                p.token(TokenKind.COMMA);
                p.ws(Ws.BLANK);
            }
            if (addedNewline) {
                p.ws(Ws.UNINDENT);
            }
        }
        if (differentLines(prevPos, call.rParen())) {
            p.token(TokenKind.COMMA);
            p.ws(Ws.FORMFEED);
        }
        p.token(TokenKind.RPAREN);
    }
}
