package io.alloycompanion.core.config.syntax;

/**
 * Splits Alloy configuration text into tokens, reporting lexical errors with Alloy's wording. Like Alloy's scanner
 * it inserts a {@link TokenKind#TERMINATOR} after a token that can end a statement when a newline (or the end of
 * input, or a comment running to the end of the line) follows it, which is how statements end without semicolons.
 */
public final class Scanner {

    /** Receives each lexical error with the char offset it points at. */
    @FunctionalInterface
    public interface ErrorHandler {
        void error(int offset, String message);
    }

    private static final int EOF = -1;
    private static final int BOM = 0xFEFF;

    private final String input;
    private final ErrorHandler errors;
    private final boolean includeComments;

    private int ch;
    private int offset;
    private int readOffset;
    private boolean insertTerm;
    private int errorCount;

    public Scanner(String input, ErrorHandler errors, boolean includeComments) {
        this.input = input;
        this.errors = errors;
        this.includeComments = includeComments;
        next();
        if (ch == BOM) {
            next();
        }
    }

    public int errorCount() {
        return errorCount;
    }

    private void next() {
        if (readOffset >= input.length()) {
            offset = input.length();
            ch = EOF;
            return;
        }
        offset = readOffset;
        int r = input.codePointAt(readOffset);
        if (r == 0) {
            error(offset, "illegal character NUL");
        } else if (r == BOM && offset > 0) {
            error(offset, "illegal byte order mark");
        }
        readOffset += Character.charCount(r);
        ch = r;
    }

    private int peek() {
        return readOffset < input.length() ? input.charAt(readOffset) : 0;
    }

    private void error(int at, String message) {
        if (errors != null) {
            errors.error(at, message);
        }
        errorCount++;
    }

    /** The next token; {@link TokenKind#EOF} at the end, forever. */
    public Token scan() {
        while (true) {
            skipWhitespace();
            int pos = offset;
            boolean term = false;
            TokenKind kind;
            String text = "";
            int c = ch;
            if (Identifiers.isLetter(c)) {
                text = scanIdentifier();
                kind = text.length() > 1 ? TokenKind.lookup(text) : TokenKind.IDENT;
                term = true;
            } else if (isDecimal(c) || (c == '.' && isDecimal(peek()))) {
                term = true;
                int start = offset;
                kind = scanNumber();
                text = input.substring(start, offset);
            } else {
                next();
                switch (c) {
                    case EOF:
                        if (insertTerm) {
                            insertTerm = false;
                            return new Token(TokenKind.TERMINATOR, pos, pos, "\n");
                        }
                        kind = TokenKind.EOF;
                        break;
                    case '\n':
                        // Only reachable while insertTerm is set: otherwise skipWhitespace eats newlines.
                        insertTerm = false;
                        return new Token(TokenKind.TERMINATOR, pos, offset, "\n");
                    case '\'':
                        error(pos, "illegal single-quoted string; use double quotes");
                        term = true;
                        kind = TokenKind.ILLEGAL;
                        text = scanString('\'', true, false);
                        break;
                    case '"':
                        term = true;
                        kind = TokenKind.STRING;
                        text = scanString('"', true, false);
                        break;
                    case '`':
                        term = true;
                        kind = TokenKind.STRING;
                        text = scanString('`', false, true);
                        break;
                    case '|':
                        if (ch != '|') {
                            error(offset, "missing second | in ||");
                        } else {
                            next();
                        }
                        kind = TokenKind.OR;
                        break;
                    case '&':
                        if (ch != '&') {
                            error(offset, "missing second & in &&");
                        } else {
                            next();
                        }
                        kind = TokenKind.AND;
                        break;
                    case '!':
                        kind = switch2(TokenKind.NOT, TokenKind.NEQ);
                        break;
                    case '=':
                        kind = switch2(TokenKind.ASSIGN, TokenKind.EQ);
                        break;
                    case '<':
                        kind = switch2(TokenKind.LT, TokenKind.LTE);
                        break;
                    case '>':
                        kind = switch2(TokenKind.GT, TokenKind.GTE);
                        break;
                    case '+':
                        kind = TokenKind.ADD;
                        break;
                    case '-':
                        kind = TokenKind.SUB;
                        break;
                    case '*':
                        kind = TokenKind.MUL;
                        break;
                    case '/':
                        if (ch == '/' || ch == '*') {
                            // A terminator owed to the previous token goes before the comment when the comment
                            // runs to the end of the line; otherwise it comes after the comment.
                            if (insertTerm && findLineEnd()) {
                                ch = '/';
                                offset = pos;
                                readOffset = pos + 1;
                                insertTerm = false;
                                return new Token(TokenKind.TERMINATOR, pos, pos, "\n");
                            }
                            String comment = scanComment();
                            if (!includeComments) {
                                insertTerm = false;
                                continue;
                            }
                            kind = TokenKind.COMMENT;
                            text = comment;
                        } else {
                            kind = TokenKind.DIV;
                        }
                        break;
                    case '%':
                        kind = TokenKind.MOD;
                        break;
                    case '^':
                        kind = TokenKind.POW;
                        break;
                    case '{':
                        kind = TokenKind.LCURLY;
                        break;
                    case '}':
                        term = true;
                        kind = TokenKind.RCURLY;
                        break;
                    case '(':
                        kind = TokenKind.LPAREN;
                        break;
                    case ')':
                        term = true;
                        kind = TokenKind.RPAREN;
                        break;
                    case '[':
                        kind = TokenKind.LBRACK;
                        break;
                    case ']':
                        term = true;
                        kind = TokenKind.RBRACK;
                        break;
                    case ',':
                        kind = TokenKind.COMMA;
                        break;
                    case '.':
                        kind = TokenKind.DOT;
                        break;
                    default:
                        if (c != BOM) {
                            error(pos, "illegal character " + GoFormat.unicodeVerb(c));
                        }
                        term = insertTerm;
                        kind = TokenKind.ILLEGAL;
                        text = new String(Character.toChars(c));
                }
            }
            insertTerm = term;
            return new Token(kind, pos, offset, text);
        }
    }

    private void skipWhitespace() {
        while (ch == ' ' || ch == '\t' || ch == '\r' || (ch == '\n' && !insertTerm)) {
            next();
        }
    }

    private static boolean isDecimal(int c) {
        return c >= '0' && c <= '9';
    }

    private static int lower(int c) {
        return ('a' - 'A') | c;
    }

    private String scanIdentifier() {
        int start = offset;
        while (Identifiers.isLetter(ch) || Identifiers.isDigit(ch)) {
            next();
        }
        return input.substring(start, offset);
    }

    private TokenKind scanNumber() {
        TokenKind kind = TokenKind.NUMBER;
        int start = offset;
        if (ch != '.') {
            digits();
        }
        if (ch == '.') {
            kind = TokenKind.FLOAT;
            next();
            digits();
        }
        if (ch != EOF && lower(ch) == 'e') {
            kind = TokenKind.FLOAT;
            next();
            if (ch == '+' || ch == '-') {
                next();
            }
            if (digits() == 0) {
                error(start, "exponent has no digits");
            }
        }
        return kind;
    }

    private int digits() {
        int count = 0;
        while (isDecimal(ch)) {
            next();
            count++;
        }
        return count;
    }

    private String scanString(int until, boolean escape, boolean multiline) {
        int start = offset - 1; // the opening quote was consumed already
        while (true) {
            int c = ch;
            if ((!multiline && c == '\n') || c == EOF) {
                error(start, "string literal not terminated");
                break;
            }
            next();
            if (c == until) {
                break;
            }
            if (escape && c == '\\') {
                scanEscape();
            }
        }
        return input.substring(start, offset);
    }

    private void scanEscape() {
        int start = offset;
        int n;
        int base;
        int max;
        switch (ch) {
            case 'a':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'v':
            case '\\':
            case '"':
                next();
                return;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
                n = 3;
                base = 8;
                max = 255;
                break;
            case 'x':
                next();
                n = 2;
                base = 16;
                max = 255;
                break;
            case 'u':
                next();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
                break;
            case 'U':
                next();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
                break;
            default:
                error(start, ch == EOF ? "escape sequence not terminated" : "unknown escape sequence");
                return;
        }
        long x = 0;
        while (n > 0) {
            int d = digitValue(ch);
            if (d >= base) {
                error(start, ch == EOF ? "escape sequence not terminated"
                        : "illegal character " + GoFormat.unicodeVerb(ch) + " in escape sequence");
                return;
            }
            x = x * base + d;
            next();
            n--;
        }
        if (x > max || (x >= 0xD800 && x < 0xE000)) {
            error(start, "escape sequence is invalid Unicode code point");
        }
    }

    private static int digitValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c != EOF && lower(c) >= 'a' && lower(c) <= 'f') {
            return lower(c) - 'a' + 10;
        }
        return 16;
    }

    private String scanComment() {
        int start = offset - 1;
        boolean block;
        if (ch == '/') {
            block = false;
            next();
            while (ch != '\n' && ch != EOF) {
                next();
            }
        } else {
            block = true;
            next();
            boolean terminated = false;
            while (ch != EOF) {
                int c = ch;
                next();
                if (c == '*' && ch == '/') {
                    next();
                    terminated = true;
                    break;
                }
            }
            if (!terminated) {
                error(start, "block comment not terminated");
            }
        }
        String text = input.substring(start, offset);
        if (text.indexOf('\r') < 0) {
            return text;
        }
        // A comment line may end in "\r\n": the final \r is not part of the comment, nor are other \r's
        // (except a "\r" right before the closing "*/" of a block comment, which Alloy keeps).
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return stripCarriageReturns(text, block);
    }

    private static String stripCarriageReturns(String text, boolean block) {
        StringBuilder out = new StringBuilder(text.length());
        for (int j = 0; j < text.length(); j++) {
            char c = text.charAt(j);
            int i = out.length();
            if (c != '\r' || (block && i > 2 && out.charAt(i - 1) == '*' && j + 1 < text.length() && text.charAt(j + 1) == '/')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the comment(s) starting here run to the end of the line; leaves the scanner where it was. */
    private boolean findLineEnd() {
        int savedOffset = offset - 1;
        try {
            while (ch == '/' || ch == '*') {
                if (ch == '/') {
                    return true;
                }
                next();
                while (ch != EOF) {
                    int c = ch;
                    if (c == '\n') {
                        return true;
                    }
                    next();
                    if (c == '*' && ch == '/') {
                        next();
                        break;
                    }
                }
                skipWhitespace();
                if (ch == EOF || ch == '\n') {
                    return true;
                }
                if (ch != '/') {
                    return false;
                }
                next();
            }
            return false;
        } finally {
            ch = '/';
            offset = savedOffset;
            readOffset = savedOffset + 1;
            next();
        }
    }

    private TokenKind switch2(TokenKind single, TokenKind withEquals) {
        if (ch == '=') {
            next();
            return withEquals;
        }
        return single;
    }
}
