package io.alloycompanion.core.config;

import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.printer.Printer;
import io.alloycompanion.core.config.syntax.Diagnostic;
import java.util.List;

/** {@code alloy fmt} as a function: formatted text with the final newline, or the syntax errors that prevent it. */
public final class Formatter {

    /** What formatting produced. */
    public sealed interface Result permits Formatted, Failed {
    }

    /** The formatted text; {@code changed} when it differs from the input. */
    public record Formatted(String text, boolean changed) implements Result {
    }

    /** The input does not parse; nothing was formatted. */
    public record Failed(List<Diagnostic> diagnostics) implements Result {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private Formatter() {
    }

    public static Result format(String filename, String text) {
        ParseResult parsed = Parser.parse(filename, text);
        if (!parsed.diagnostics().isEmpty()) {
            return new Failed(parsed.diagnostics());
        }
        String formatted = Printer.print(parsed.file()) + "\n";
        return new Formatted(formatted, !formatted.equals(text));
    }
}
