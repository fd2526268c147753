package io.alloycompanion.core.config.syntax;

/** The few Go formatting verbs Alloy's messages use, reproduced so messages read exactly as Alloy's do. */
public final class GoFormat {

    private GoFormat() {
    }

    /** Go's {@code %#U}: {@code U+0040 '@'}, or just {@code U+0000} for a character that is not printable. */
    public static String unicodeVerb(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return isPrint(codePoint) ? hex + " '" + new String(Character.toChars(codePoint)) + "'" : hex;
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** Go's {@code %q} ({@code strconv.Quote}): a double-quoted string with Go escapes. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    continue;
                case '\\':
                    out.append("\\\\");
                    continue;
                case 0x07:
                    out.append("\\a");
                    continue;
                case '\b':
                    out.append("\\b");
                    continue;
                case '\f':
                    out.append("\\f");
                    continue;
                case '\n':
                    out.append("\\n");
                    continue;
                case '\r':
                    out.append("\\r");
                    continue;
                case '\t':
                    out.append("\\t");
                    continue;
                case 0x0B:
                    out.append("\\v");
                    continue;
                default:
                    break;
            }
            if (isPrint(c)) {
                out.appendCodePoint(c);
            } else if (c < ' ' || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else if (Character.isSurrogate((char) c)) {
                out.append("\\ufffd");
            } else if (c < 0x10000) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        return out.append('"').toString();
    }
}
