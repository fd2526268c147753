package io.alloycompanion.core.config.printer;

import io.alloycompanion.core.config.ast.Comment;
import io.alloycompanion.core.config.ast.CommentGroup;
import io.alloycompanion.core.config.syntax.SourceFile;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.List;

/**
 * Receives tokens, positions and whitespace instructions from the tree walker and produces text for the column
 * aligner, interleaving the source's comments where they belong. This follows the rules of Alloy's printer step by
 * step (including how it estimates positions and when it drops or keeps blank lines), because {@code alloy fmt}
 * output is the contract.
 */
final class TokenPrinter {

    /** Whitespace instructions; the character is what gets written, except for the indentation changes. */
    enum Ws {
        IGNORE(0), BLANK(' '), VTAB(0x0B), NEWLINE('\n'), FORMFEED('\f'), INDENT('>'), UNINDENT('<');

        final int ch;

        Ws(int ch) {
            this.ch = ch;
        }
    }

    /** A position in source space (offset and line); line 0 means "none". */
    static final class Pos {
        int offset;
        int line;

        Pos(int offset, int line) {
            this.offset = offset;
            this.line = line;
        }

        Pos copy() {
            return new Pos(offset, line);
        }

        boolean valid() {
            return line > 0;
        }
    }

    private static final int WHITESPACE_CAPACITY = 16;
    private static final int MAX_NEWLINES = 2;
    private static final Pos END = new Pos(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final SourceFile source;
    private final CodePoints output = new CodePoints();
    private int indent;
    /** The last token written; null stands for Alloy's LITERAL (whitespace was last). */
    private TokenKind lastTok;
    private final Ws[] whitespace = new Ws[WHITESPACE_CAPACITY];
    private int whitespaceCount;

    private final List<CommentGroup> comments;
    private int commentIndex;
    private CommentGroup currentComment;
    private int commentPos = -1;

    private Pos pos = new Pos(0, 1);
    private Pos last = new Pos(0, 0);
    private int outLine = 1;
    private int outColumn = 1;

    TokenPrinter(SourceFile source, List<CommentGroup> comments) {
        this.source = source;
        this.comments = comments;
        nextComment();
    }

    Pos position(int offset) {
        return offset < 0 ? new Pos(0, 0) : new Pos(offset, source.line(offset));
    }

    // Comments

    private boolean commentBefore(Pos next) {
        return commentPos >= 0 && commentPos <= next.offset;
    }

    private void nextComment() {
        while (commentIndex < comments.size()) {
            CommentGroup group = comments.get(commentIndex++);
            if (!group.comments().isEmpty()) {
                currentComment = group;
                commentPos = group.comments().get(0).pos();
                return;
            }
        }
        commentPos = -1;
    }

    // Writing

    void ws(Ws value) {
        if (value == Ws.IGNORE) {
            return;
        }
        if (whitespaceCount == WHITESPACE_CAPACITY) {
            writeWhitespace(whitespaceCount);
        }
        whitespace[whitespaceCount++] = value;
        lastTok = null;
    }

    /** Sets the source-space position to that of the next thing written (a no-op for positions not in the source). */
    void at(int offset) {
        if (offset >= 0) {
            pos = position(offset);
        }
    }

    void ident(String name) {
        lastTok = TokenKind.IDENT;
        writeText(name);
    }

    void literal(TokenKind kind, String value) {
        lastTok = kind;
        writeText(value);
    }

    void token(TokenKind kind) {
        String text = kind.toString();
        // Keep two tokens from running into one when read back: "1" then "." would read as "1.".
        if (mayCombine(lastTok, text.charAt(0))) {
            if (whitespaceCount != 0) {
                throw new IllegalStateException("whitespace buffer not empty");
            }
            whitespaceCount = 1;
            whitespace[0] = Ws.BLANK;
        }
        lastTok = kind;
        writeText(text);
    }

    private static boolean mayCombine(TokenKind prev, char next) {
        if (prev == TokenKind.NUMBER) {
            return next == '.';
        }
        if (prev == TokenKind.DIV) {
            return next == '*';
        }
        return false;
    }

    private void writeText(String data) {
        Pos next = pos.copy();
        flush(next, lastTok);
        writeString(next, data, false);
    }

    /** Writes what is left: trailing comments. */
    void finish() {
        flush(END, TokenKind.EOF);
    }

    private void flush(Pos next, TokenKind tok) {
        if (commentBefore(next)) {
            injectComments(next, tok);
        } else if (tok != TokenKind.EOF) {
            writeWhitespace(whitespaceCount);
        }
    }

    private void injectComments(Pos next, TokenKind tok) {
        Comment lastComment = null;
        while (commentBefore(next)) {
            for (Comment comment : currentComment.comments()) {
                writeCommentPrefix(next, comment);
                writeString(position(comment.pos()), comment.text(), true);
                lastComment = comment;
            }
            nextComment();
        }
        writeCommentSuffix(next, tok, lastComment);
    }

    private void writeCommentPrefix(Pos next, Comment comment) {
        if (output.size() == 0) {
            return; // nothing before the first comment of the output
        }
        Pos commentStart = position(comment.pos());
        if (commentStart.line == last.line) {
            // Same line as the last token: a tab before a trailing comment (so they align), a space before a block
            // comment that sits in the middle of a line.
            writeByte(commentStart.line == next.line ? ' ' : '\t', 1);
            return;
        }
        // On a later line: write pending indentation up to the first real whitespace, dropped in favour of our own.
        int count = 0;
        for (int i = 0; i < whitespaceCount; i++) {
            Ws value = whitespace[i];
            if (value == Ws.INDENT || value == Ws.UNINDENT) {
                continue;
            }
            if (value != Ws.IGNORE) {
                whitespace[i] = Ws.IGNORE;
            }
            count = i;
            break;
        }
        writeWhitespace(count);
        int newlines = commentStart.valid() && last.valid() ? commentStart.line - last.line : 0;
        if (newlines > 0) {
            writeByte('\f', Math.min(newlines, MAX_NEWLINES));
        }
    }

    private void writeCommentSuffix(Pos next, TokenKind tok, Comment lastComment) {
        if (tok == TokenKind.EOF) {
            return; // no blank lines at the end of the file
        }
        boolean droppedFormfeed = false;
        int commentEndLine = source.line(lastComment.end());
        if (lastComment.isBlock() && next.line == commentEndLine) {
            writeByte(' ', 1);
        }
        int newlines = next.line - last.line;
        for (int i = 0; i < whitespaceCount; i++) {
            Ws value = whitespace[i];
            switch (value) {
                case BLANK:
                case VTAB:
                    whitespace[i] = Ws.IGNORE;
                    break;
                case NEWLINE:
                case FORMFEED:
                    if (value == Ws.FORMFEED) {
                        droppedFormfeed = true;
                    }
                    whitespace[i] = Ws.IGNORE;
                    break;
                default:
                    break;
            }
        }
        writeWhitespace(whitespaceCount);
        if (newlines > 0) {
            writeByte(droppedFormfeed ? '\f' : '\n', Math.min(newlines, MAX_NEWLINES));
        }
    }

    private void writeString(Pos at, String text, boolean escaped) {
        if (outColumn == 1) {
            writeIndent();
        }
        if (at.valid()) {
            pos = at.copy();
        }
        if (escaped) {
            output.add(CodePoints.ESCAPE);
        }
        output.add(text);
        if (escaped) {
            output.add(CodePoints.ESCAPE);
        }
        int newlines = 0;
        int lastNewline = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\f') {
                newlines++;
                lastNewline = i;
            }
        }
        pos.offset += text.length();
        if (newlines > 0) {
            pos.line += newlines;
            outLine += newlines;
            outColumn = text.length() - lastNewline;
        } else {
            outColumn += text.length();
        }
        last = pos.copy();
    }

    private void writeIndent() {
        for (int i = 0; i < indent; i++) {
            output.add('\t');
        }
        pos.offset += indent;
        outColumn += indent;
    }

    private void writeByte(int ch, int n) {
        if (outColumn == 1) {
            writeIndent();
        }
        for (int i = 0; i < n; i++) {
            output.add(ch);
        }
        pos.offset += n;
        if (ch == '\n' || ch == '\f') {
            pos.line += n;
            outLine += n;
            outColumn = 1;
            return;
        }
        outColumn += n;
    }

    private void writeWhitespace(int n) {
        for (int i = 0; i < n; i++) {
            Ws value = whitespace[i];
            switch (value) {
                case IGNORE:
                    break;
                case INDENT:
                    indent++;
                    break;
                case UNINDENT:
                    indent--;
                    if (indent < 0) {
                        throw new IllegalStateException("printer: negative indentation");
                    }
                    break;
                default:
                    writeByte(value.ch, 1);
            }
        }
        System.arraycopy(whitespace, n, whitespace, 0, whitespaceCount - n);
        whitespaceCount -= n;
    }

    /** The printed text, aligned and trimmed, without a final newline. */
    String result() {
        Trimmer trimmer = new Trimmer();
        TabWriter tabs = new TabWriter(trimmer);
        tabs.write(output.array(), output.size());
        tabs.flush();
        return trimmer.result();
    }
}
