package io.alloycompanion.core.config.syntax;

/** The lexical tokens of the Alloy configuration syntax, named as Alloy names them in its messages. */
public enum TokenKind {
    ILLEGAL("ILLEGAL"),
    EOF("EOF"),
    COMMENT("COMMENT"),

    IDENT("IDENT"),
    NUMBER("NUMBER"),
    FLOAT("FLOAT"),
    STRING("STRING"),

    BOOL("BOOL"),
    NULL("NULL"),

    OR("||"),
    AND("&&"),
    NOT("!"),

    ASSIGN("="),

    EQ("=="),
    NEQ("!="),
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">="),

    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),

    LCURLY("{"),
    RCURLY("}"),
    LPAREN("("),
    RPAREN(")"),
    LBRACK("["),
    RBRACK("]"),
    COMMA(","),
    DOT("."),

    /** A statement end: a newline, or the end of input, after a token that can end a statement. */
    TERMINATOR("TERMINATOR");

    /** Precedence of binary operators, lowest first; 0 for everything else. */
    public static final int LOWEST_PRECEDENCE = 0;

    private final String text;

    TokenKind(String text) {
        this.text = text;
    }

    /** How Alloy spells the token in messages ("IDENT", "=", "TERMINATOR"…) and, for operators, in source. */
    @Override
    public String toString() {
        return text;
    }

    public int binaryPrecedence() {
        switch (this) {
            case OR:
                return 1;
            case AND:
                return 2;
            case EQ:
            case NEQ:
            case LT:
            case LTE:
            case GT:
            case GTE:
                return 3;
            case ADD:
            case SUB:
                return 4;
            case MUL:
            case DIV:
            case MOD:
                return 5;
            case POW:
                return 6;
            default:
                return LOWEST_PRECEDENCE;
        }
    }

    /** Keywords and identifiers scan the same way; this tells which one a word is. */
    public static TokenKind lookup(String word) {
        // Most words are identifiers; skip the string switch (and its hashing) for anything that cannot be a keyword.
        char first = word.isEmpty() ? ' ' : word.charAt(0);
        if (word.length() < 4 || word.length() > 5 || (first != 't' && first != 'f' && first != 'n')) {
            return IDENT;
        }
        switch (word) {
            case "true":
            case "false":
                return BOOL;
            case "null":
                return NULL;
            default:
                return IDENT;
        }
    }
}
