package io.alloycompanion.ui.config;

import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.config.syntax.Scanner;
import io.alloycompanion.core.config.syntax.Token;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Style classes for the editor, from the same scanner the parser uses, plus underlines where problems are. */
final class SyntaxHighlighting {

    private SyntaxHighlighting() {
    }

    static StyleSpans<Collection<String>> compute(String text, List<Diagnostic> problems) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Scanner scanner = new Scanner(text, null, true);
        int at = 0;
        while (true) {
            Token token = scanner.scan();
            if (token.kind() == TokenKind.EOF) {
                break;
            }
            String style = styleOf(token.kind());
            if (style == null || token.end() <= token.offset()) {
                continue;
            }
            if (token.offset() > at) {
                spans.add(Collections.emptyList(), token.offset() - at);
            }
            spans.add(List.of(style), token.end() - token.offset());
            at = token.end();
        }
        spans.add(Collections.emptyList(), Math.max(0, text.length() - at));
        StyleSpans<Collection<String>> base = spans.create();
        return problems.isEmpty() ? base : base.overlay(underlines(text, problems), (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return merged;
        });
    }

    private static StyleSpans<Collection<String>> underlines(String text, List<Diagnostic> problems) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        List<Diagnostic> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> Integer.compare(a.start().offset(), b.start().offset()));
        for (Diagnostic problem : sorted) {
            int start = Math.min(Math.max(problem.start().offset(), at), text.length());
            int end = Math.min(text.length(), problem.end().map(p -> p.offset() + 1).orElse(start + 1));
            if (end <= start) {
                continue;
            }
            spans.add(Collections.emptyList(), start - at);
            spans.add(List.of(problem.severity() == Diagnostic.Severity.ERROR ? "alloy-error" : "alloy-warning"), end - start);
            at = end;
        }
        spans.add(Collections.emptyList(), Math.max(0, text.length() - at));
        return spans.create();
    }

    private static String styleOf(TokenKind kind) {
        switch (kind) {
            case STRING:
                return "alloy-string";
            case NUMBER:
            case FLOAT:
                return "alloy-number";
            case BOOL:
            case NULL:
                return "alloy-keyword";
            case COMMENT:
                return "alloy-comment";
            case IDENT:
                return "alloy-ident";
            case ILLEGAL:
                return "alloy-illegal";
            case TERMINATOR:
                return null;
            default:
                return "alloy-punct";
        }
    }
}
