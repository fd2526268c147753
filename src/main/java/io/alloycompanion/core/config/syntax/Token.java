package io.alloycompanion.core.config.syntax;

/**
 * A scanned token: its kind, the source range {@code [offset, end)} it covers and its text. A terminator's text is
 * {@code "\n"}; it covers the newline it stands for, or nothing when it was inserted before a comment or at the end
 * of the input. A comment's text has carriage returns removed; its range still covers them.
 */
public record Token(TokenKind kind, int offset, int end, String text) {
}
