package io.alloycompanion.core.config.ast;

/**
 * A run of source characters {@code [start, end)}: a token the parser saw, or the trivia between tokens (whitespace,
 * newlines, comments). Together they tile the whole file.
 */
public record LexicalToken(Kind kind, int start, int end) {

    public enum Kind { TOKEN, COMMENT, WHITESPACE }
}
