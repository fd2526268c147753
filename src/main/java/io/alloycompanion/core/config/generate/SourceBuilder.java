package io.alloycompanion.core.config.generate;

import io.alloycompanion.core.config.ast.StringLiterals;
import java.util.function.Consumer;

/** Writes Alloy source block by block; the generator runs the result through the formatter for alignment. */
final class SourceBuilder {

    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean needsBlankLine;

    SourceBuilder comment(String text) {
        separate();
        for (String line : text.split("\n")) {
            indent().append("// ").append(line).append('\n');
        }
        return this;
    }

    SourceBuilder attr(String name, String expression) {
        indent().append(name).append(" = ").append(expression).append('\n');
        needsBlankLine = false;
        return this;
    }

    SourceBuilder string(String name, String value) {
        return attr(name, StringLiterals.quote(value));
    }

    SourceBuilder block(String name, String label, Consumer<SourceBuilder> body) {
        separate();
        indent().append(name);
        if (label != null) {
            out.append(' ').append(StringLiterals.quote(label));
        }
        out.append(" {\n");
        depth++;
        needsBlankLine = false;
        body.accept(this);
        depth--;
        indent().append("}\n");
        needsBlankLine = true;
        return this;
    }

    SourceBuilder block(String name, Consumer<SourceBuilder> body) {
        return block(name, null, body);
    }

    private void separate() {
        if (needsBlankLine) {
            out.append('\n');
            needsBlankLine = false;
        }
    }

    private StringBuilder indent() {
        for (int i = 0; i < depth; i++) {
            out.append('\t');
        }
        return out;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
