package io.alloycompanion.core.config.syntax;

/** What counts as an identifier in Alloy: a letter or {@code _}, then letters, digits and {@code _}. */
public final class Identifiers {

    private Identifiers() {
    }

    public static boolean isLetter(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || (ch >= 0x80 && Character.isLetter(ch));
    }

    public static boolean isDigit(int ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 0x80 && Character.isDigit(ch));
    }

    /** An identifier and not a keyword ({@code true}, {@code false}, {@code null} scan as literals). */
    public static boolean isValid(String text) {
        if (text.isEmpty() || TokenKind.lookup(text) != TokenKind.IDENT) {
            return false;
        }
        int first = text.codePointAt(0);
        if (!isLetter(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < text.length(); ) {
            int ch = text.codePointAt(i);
            if (!isLetter(ch) && !isDigit(ch)) {
                return false;
            }
            i += Character.charCount(ch);
        }
        return true;
    }
}
