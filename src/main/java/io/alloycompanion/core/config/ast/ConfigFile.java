package io.alloycompanion.core.config.ast;

import io.alloycompanion.core.config.syntax.SourceFile;
import java.util.List;

/**
 * A parsed configuration file: its statements and comment groups, anchored to the exact source text. The tree is
 * lossless: {@link #tokens()} covers every character of the source in order (comments and whitespace included), so
 * joining their texts gives the input back byte for byte.
 */
public record ConfigFile(SourceFile source, List<Stmt> body, List<CommentGroup> comments, List<LexicalToken> tokens) {

    public ConfigFile {
        body = List.copyOf(body);
        comments = List.copyOf(comments);
        tokens = List.copyOf(tokens);
    }

    /** The source rebuilt from the tree's tokens; equal to the input for an unedited tree. */
    public String toSource() {
        StringBuilder out = new StringBuilder(source.length());
        for (LexicalToken token : tokens) {
            out.append(source.text(), token.start(), token.end());
        }
        return out.toString();
    }
}
