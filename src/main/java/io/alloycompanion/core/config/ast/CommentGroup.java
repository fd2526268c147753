package io.alloycompanion.core.config.ast;

import java.util.List;

/** Comments with no blank line between them, kept together as Alloy does. */
public record CommentGroup(List<Comment> comments) {

    public CommentGroup {
        comments = List.copyOf(comments);
    }
}
