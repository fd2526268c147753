package io.alloycompanion.core.config.ast;

import io.alloycompanion.core.config.syntax.GoFormat;

/**
 * Converts between Java strings and Alloy string literals. Alloy's escapes are Go's (backslash followed by n, t,
 * a quote, a backslash, x and two hex digits, u and four, U and eight, or three octal digits), and a raw
 * {@code `…`} string has none.
 */
public final class StringLiterals {

    private StringLiterals() {
    }

    /**
     * A double-quoted literal for any text. Alloy's escapes are Go's, so Go's own quoting (as {@code alloy fmt}
     * writes labels) is always valid: printable Unicode stays, everything else is escaped.
     */
    public static String quote(String value) {
        return GoFormat.quote(value);
    }

    /** The value of a literal as written in source (quotes included); unknown escapes are kept as written. */
    public static String unquote(String literal) {
        if (literal.length() < 2) {
            return literal;
        }
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - (literal.charAt(literal.length() - 1) == quote ? 1 : 0));
        if (quote == '`') {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'a': out.append('\u0007'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'v': out.append('\u000B'); break;
                case '\\': out.append('\\'); break;
                case '"': out.append('"'); break;
                case '\'': out.append('\''); break;
                case 'x': i = appendCode(body, i - 1, i + 1, 2, 16, out); break;
                case 'u': i = appendCode(body, i - 1, i + 1, 4, 16, out); break;
                case 'U': i = appendCode(body, i - 1, i + 1, 8, 16, out); break;
                default:
                    if (e >= '0' && e <= '7') {
                        i = appendCode(body, i - 1, i, 3, 8, out);
                    } else {
                        out.append('\\').append(e);
                    }
            }
        }
        return out.toString();
    }

    /** Appends the code point whose digits start at {@code from}; returns the index of the last character used. */
    private static int appendCode(String body, int backslash, int from, int digits, int radix, StringBuilder out) {
        int end = Math.min(body.length(), from + digits);
        try {
            out.appendCodePoint(Integer.parseInt(body.substring(from, end), radix));
        } catch (IllegalArgumentException e) {
            out.append(body, backslash, end);
        }
        return end - 1;
    }
}
