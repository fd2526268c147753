package io.alloycompanion.core.config.parser;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.Comment;
import io.alloycompanion.core.config.ast.CommentGroup;
import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.Ident;
import io.alloycompanion.core.config.ast.LexicalToken;
import io.alloycompanion.core.config.ast.Node;
import io.alloycompanion.core.config.ast.ObjectField;
import io.alloycompanion.core.config.ast.Stmt;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.config.syntax.GoFormat;
import io.alloycompanion.core.config.syntax.Identifiers;
import io.alloycompanion.core.config.syntax.Scanner;
import io.alloycompanion.core.config.syntax.SourceFile;
import io.alloycompanion.core.config.syntax.Token;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses Alloy configuration text into a {@link ConfigFile}. It follows Alloy's grammar, and its error recovery, so
 * broken input yields the same diagnostics, at the same positions and in the same words, as Alloy itself; it keeps
 * going after an error to report as many as it can, and never throws on bad input.
 */
public final class Parser {

    private static final Set<TokenKind> STATEMENT_END = EnumSet.of(TokenKind.TERMINATOR, TokenKind.RPAREN,
            TokenKind.RCURLY, TokenKind.RBRACK, TokenKind.COMMA);

    private final SourceFile source;
    private final Scanner scanner;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<CommentGroup> comments = new ArrayList<>();
    private final List<LexicalToken> lexical;

    private int pos;
    private TokenKind tok;
    private String lit;
    private int lastErrorLine;

    private Parser(SourceFile source) {
        this.source = source;
        this.lexical = new ArrayList<>(source.length() / 4 + 16); // about one token per four characters
        this.scanner = new Scanner(source.text(), (offset, message) ->
                diagnostics.add(Diagnostic.error(source.position(offset), message)), true);
        next();
    }

    public static ParseResult parse(String filename, String text) {
        Parser parser = new Parser(new SourceFile(filename, text));
        List<Stmt> body = parser.parseBody(TokenKind.EOF);
        ConfigFile file = new ConfigFile(parser.source, body, parser.comments, parser.tiledTokens());
        return new ParseResult(file, parser.diagnostics);
    }

    /** Parses one expression, such as a value to put into a config; errors when anything follows it. */
    public static ExpressionResult parseExpression(String text) {
        Parser parser = new Parser(new SourceFile("", text));
        Expr expr = parser.parseExpression();
        parser.expect(TokenKind.TERMINATOR);
        if (parser.tok != TokenKind.EOF) {
            // Alloy stops at the first terminator; a value put into a config must not smuggle in more statements.
            parser.diagnostics.add(Diagnostic.error(parser.source.position(parser.pos), "unexpected " + parser.tok
                    + " after the expression"));
        }
        return new ExpressionResult(expr, parser.diagnostics);
    }

    /** An expression parsed on its own, with any syntax errors. */
    public record ExpressionResult(Expr expr, List<Diagnostic> diagnostics) {
        public ExpressionResult {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    // Token handling

    private void next() {
        next0();
        while (tok == TokenKind.COMMENT) {
            consumeCommentGroup();
        }
    }

    private void next0() {
        Token token = scanner.scan();
        pos = token.offset();
        tok = token.kind();
        lit = token.text();
        if (token.end() > token.offset()) {
            lexical.add(new LexicalToken(kindOf(token.kind()), token.offset(), token.end()));
        }
    }

    private static LexicalToken.Kind kindOf(TokenKind kind) {
        switch (kind) {
            case COMMENT:
                return LexicalToken.Kind.COMMENT;
            case TERMINATOR:
                return LexicalToken.Kind.WHITESPACE;
            default:
                return LexicalToken.Kind.TOKEN;
        }
    }

    private void consumeCommentGroup() {
        List<Comment> group = new ArrayList<>();
        int endLine = source.line(pos);
        while (tok == TokenKind.COMMENT && source.line(pos) <= endLine + 1) {
            endLine = source.line(pos);
            if (lit.length() > 1 && lit.charAt(1) == '*') {
                for (int i = 0; i < lit.length(); i++) {
                    if (lit.charAt(i) == '\n') {
                        endLine++;
                    }
                }
            }
            group.add(new Comment(pos, lit));
            next0();
        }
        comments.add(new CommentGroup(group));
    }

    private void advance(TokenKind to) {
        while (tok != TokenKind.EOF) {
            if (tok == to) {
                return;
            }
            next();
        }
    }

    private void advanceAny(Set<TokenKind> to) {
        while (tok != TokenKind.EOF) {
            if (to.contains(tok)) {
                return;
            }
            next();
        }
    }

    /** Consumes the current token, reporting an error if it is not {@code expected}; returns its position and kind. */
    private int expect(TokenKind expected) {
        int at = pos;
        if (tok != expected) {
            addError("expected " + expected + ", got " + tok);
        }
        next();
        return at;
    }

    private void addError(String message) {
        int line = source.line(pos);
        if (line == lastErrorLine) {
            return; // one syntax error per line is enough; the rest are usually consequences of it
        }
        lastErrorLine = line;
        diagnostics.add(Diagnostic.error(source.position(pos), message));
    }

    private List<LexicalToken> tiledTokens() {
        List<LexicalToken> tiles = new ArrayList<>(lexical.size() * 2 + 1);
        int at = 0;
        for (LexicalToken token : lexical) {
            if (token.start() > at) {
                tiles.add(new LexicalToken(LexicalToken.Kind.WHITESPACE, at, token.start()));
            }
            tiles.add(token);
            at = token.end();
        }
        if (at < source.length()) {
            tiles.add(new LexicalToken(LexicalToken.Kind.WHITESPACE, at, source.length()));
        }
        return tiles;
    }

    // Grammar

    /** Body = [ Statement { terminator Statement } ] */
    private List<Stmt> parseBody(TokenKind until) {
        List<Stmt> body = new ArrayList<>();
        while (tok != until && tok != TokenKind.EOF) {
            Stmt stmt = parseStatement();
            if (stmt != null) {
                body.add(stmt);
            }
            if (tok == until) {
                break;
            }
            if (tok != TokenKind.TERMINATOR) {
                addError("expected " + TokenKind.TERMINATOR + ", got " + tok);
                consumeStatement();
            }
            next();
        }
        return body;
    }

    /** Skips the rest of a statement, up to a terminator outside any brackets. */
    private void consumeStatement() {
        int curly = 0;
        int brack = 0;
        int paren = 0;
        while (tok != TokenKind.EOF) {
            switch (tok) {
                case LCURLY:
                    curly++;
                    break;
                case RCURLY:
                    curly--;
                    break;
                case LBRACK:
                    brack++;
                    break;
                case RBRACK:
                    brack--;
                    break;
                case LPAREN:
                    paren++;
                    break;
                case RPAREN:
                    paren--;
                    break;
                default:
                    break;
            }
            if (tok == TokenKind.TERMINATOR && curly <= 0 && brack <= 0 && paren <= 0) {
                return;
            }
            next();
        }
    }

    /** Statement = Attribute | Block; Attribute = identifier "=" Expression; Block = BlockName "{" Body "}" */
    private Stmt parseStatement() {
        BlockName name = parseBlockName();
        if (name == null) {
            advance(TokenKind.IDENT);
            return null;
        }
        switch (tok) {
            case ASSIGN: {
                next();
                if (name.fragments.size() != 1) {
                    String attrName = String.join(".", name.fragments);
                    diagnostics.add(Diagnostic.error(source.position(name.start),
                            source.position(name.start + attrName.length() - 1),
                            "attribute names may only consist of a single identifier with no \".\""));
                } else if (name.labelPos != Node.NO_POS) {
                    diagnostics.add(Diagnostic.error(source.position(name.labelPos),
                            source.position(name.labelPos + name.label.length() + 1),
                            "attribute names may not have labels"));
                }
                return new AttributeStmt(new Ident(name.fragments.get(0), name.start), parseExpression());
            }
            case LCURLY: {
                int lCurly = expect(TokenKind.LCURLY);
                List<Stmt> body = parseBody(TokenKind.RCURLY);
                int rCurly = expect(TokenKind.RCURLY);
                return new BlockStmt(name.fragments, name.start, name.label, name.labelPos, lCurly, body, rCurly);
            }
            default:
                if (name.validAttribute()) {
                    addError("expected attribute assignment or block body, got " + tok);
                } else {
                    addError("expected block body, got " + tok);
                }
                advance(TokenKind.IDENT);
                return null;
        }
    }

    private static final class BlockName {
        final List<String> fragments = new ArrayList<>();
        String label = "";
        int start;
        int labelPos = Node.NO_POS;

        boolean validAttribute() {
            return fragments.size() == 1 && label.isEmpty();
        }
    }

    /** BlockName = identifier { "." identifier } [ string ] */
    private BlockName parseBlockName() {
        if (tok != TokenKind.IDENT) {
            addError("expected identifier, got " + tok);
            return null;
        }
        BlockName name = new BlockName();
        name.fragments.add(lit);
        name.start = pos;
        next();
        while (tok == TokenKind.DOT) {
            next();
            if (tok != TokenKind.IDENT) {
                addError("expected identifier, got " + tok);
            }
            name.fragments.add(lit);
            next();
        }
        if (tok != TokenKind.ASSIGN && tok != TokenKind.LCURLY) {
            if (tok == TokenKind.STRING) {
                if (lit.charAt(0) != '"') {
                    addError("expected block label to be a double quoted string, but got " + GoFormat.quote(lit));
                }
                if (lit.length() > 2) {
                    name.label = lit.substring(1, lit.length() - 1);
                    if (!Identifiers.isValid(name.label)) {
                        addError("expected block label to be a valid identifier, but got " + GoFormat.quote(name.label));
                    }
                }
                name.labelPos = pos;
            } else {
                addError("expected block label, got " + tok);
            }
            next();
        }
        return name;
    }

    /** Expression = BinOpExpr */
    private Expr parseExpression() {
        return parseBinOp(1);
    }

    /** Left-associative binary operators, by precedence climbing; {@code ^} is handled by {@link #parsePowExpr}. */
    private Expr parseBinOp(int inPrec) {
        Expr lhs = parsePowExpr();
        while (true) {
            TokenKind op = tok;
            int opPos = pos;
            int prec = op.binaryPrecedence();
            if (prec < inPrec) {
                return lhs;
            }
            next();
            Expr rhs = parseBinOp(prec + 1);
            lhs = new Expr.Binary(lhs, op, opPos, rhs);
        }
    }

    /** PowExpr = UnaryExpr [ "^" PowExpr ] (right-associative) */
    private Expr parsePowExpr() {
        Expr lhs = parseUnaryExpr();
        if (tok == TokenKind.POW) {
            int opPos = pos;
            next();
            return new Expr.Binary(lhs, TokenKind.POW, opPos, parsePowExpr());
        }
        return lhs;
    }

    /** UnaryExpr = OperExpr | unary_op UnaryExpr; OperExpr = PrimaryExpr { "." ident | "[" Expr "]" | "(" args ")" } */
    private Expr parseUnaryExpr() {
        if (tok == TokenKind.NOT || tok == TokenKind.SUB) {
            TokenKind op = tok;
            int opPos = pos;
            next();
            return new Expr.Unary(op, opPos, parseUnaryExpr());
        }
        Expr primary = parsePrimaryExpr();
        while (true) {
            switch (tok) {
                case DOT: {
                    next();
                    int namePos = pos;
                    String name = lit;
                    expect(TokenKind.IDENT);
                    primary = new Expr.Access(primary, new Ident(name, namePos));
                    break;
                }
                case LBRACK: {
                    int lBrack = expect(TokenKind.LBRACK);
                    Expr index = parseExpression();
                    int rBrack = expect(TokenKind.RBRACK);
                    primary = new Expr.Index(primary, lBrack, index, rBrack);
                    break;
                }
                case LPAREN: {
                    int lParen = expect(TokenKind.LPAREN);
                    List<Expr> args = tok != TokenKind.RPAREN ? parseExpressionList(TokenKind.RPAREN) : List.of();
                    int rParen = expect(TokenKind.RPAREN);
                    primary = new Expr.Call(primary, lParen, args, rParen);
                    break;
                }
                case STRING:
                case LCURLY: {
                    // Most likely a block written where a value belongs (`x = prometheus.remote_write "a" { … }`):
                    // parse it as a block to say so, or give up on the statement.
                    if (tok == TokenKind.STRING) {
                        next();
                    }
                    TokenKind found = tok;
                    expect(TokenKind.LCURLY);
                    if (found != TokenKind.LCURLY) {
                        consumeStatement();
                        return primary;
                    }
                    parseBody(TokenKind.RCURLY);
                    int end = pos;
                    found = tok;
                    expect(TokenKind.RCURLY);
                    if (found != TokenKind.RCURLY) {
                        consumeStatement();
                        return primary;
                    }
                    diagnostics.add(Diagnostic.error(source.position(primary.start()), source.position(end),
                            "cannot use a block as an expression"));
                    break;
                }
                default:
                    return primary;
            }
        }
    }

    /** PrimaryExpr = identifier | literal | "(" Expression ")" | "[" [ list ] "]" | "{" [ fields ] "}" */
    private Expr parsePrimaryExpr() {
        switch (tok) {
            case IDENT: {
                Expr result = new Expr.Identifier(new Ident(lit, pos));
                next();
                return result;
            }
            case STRING:
            case NUMBER:
            case FLOAT:
            case BOOL:
            case NULL: {
                Expr result = new Expr.Literal(tok, lit, pos);
                next();
                return result;
            }
            case LPAREN: {
                int lParen = expect(TokenKind.LPAREN);
                Expr inner = parseExpression();
                int rParen = expect(TokenKind.RPAREN);
                return new Expr.Paren(lParen, inner, rParen);
            }
            case LBRACK: {
                int lBrack = expect(TokenKind.LBRACK);
                List<Expr> elements = tok != TokenKind.RBRACK ? parseExpressionList(TokenKind.RBRACK) : List.of();
                int rBrack = expect(TokenKind.RBRACK);
                return new Expr.Array(lBrack, elements, rBrack);
            }
            case LCURLY: {
                int lCurly = expect(TokenKind.LCURLY);
                // Alloy checks for "]" here (not "}"), so "{}" goes through the field list; kept for identical errors.
                List<ObjectField> fields = tok != TokenKind.RBRACK ? parseFieldList(TokenKind.RCURLY) : List.of();
                int rCurly = expect(TokenKind.RCURLY);
                return new Expr.ObjectLit(lCurly, fields, rCurly);
            }
            default: {
                addError("expected expression, got " + tok);
                Expr result = new Expr.Literal(TokenKind.NULL, "null", pos);
                advanceAny(STATEMENT_END);
                return result;
            }
        }
    }

    /** ExpressionList = Expression { "," Expression } [ "," ] */
    private List<Expr> parseExpressionList(TokenKind until) {
        List<Expr> exprs = new ArrayList<>();
        while (tok != until && tok != TokenKind.EOF) {
            exprs.add(parseExpression());
            if (tok == until) {
                break;
            }
            if (tok != TokenKind.COMMA) {
                addError("missing ',' in expression list");
            }
            next();
        }
        return exprs;
    }

    /** FieldList = Field { "," Field } [ "," ] */
    private List<ObjectField> parseFieldList(TokenKind until) {
        List<ObjectField> fields = new ArrayList<>();
        while (tok != until && tok != TokenKind.EOF) {
            fields.add(parseField());
            if (tok == until) {
                break;
            }
            if (tok != TokenKind.COMMA) {
                addError("missing ',' in field list");
            }
            next();
        }
        return fields;
    }

    /** Field = ( string | identifier ) "=" Expression */
    private ObjectField parseField() {
        Ident name = null;
        boolean quoted = false;
        if (tok == TokenKind.STRING || tok == TokenKind.IDENT) {
            name = new Ident(lit, pos);
            if (tok == TokenKind.STRING && lit.length() > 2) {
                name = new Ident(lit.substring(1, lit.length() - 1), pos);
                quoted = true;
            }
            next();
        } else {
            addError("expected field name (string or identifier), got " + tok);
            advance(TokenKind.ASSIGN);
        }
        expect(TokenKind.ASSIGN);
        Expr value = parseExpression();
        return new ObjectField(name == null ? new Ident("", Node.NO_POS) : name, quoted, value);
    }
}
