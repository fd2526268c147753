package io.alloycompanion.core.config;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.lint.Linter;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.syntax.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Syntax, then lint: everything the app can say about a config without running Alloy. */
public final class Validation {

    /** The findings, errors and warnings, in source order; lint runs only when the syntax is valid. */
    public record Report(String file, List<Diagnostic> diagnostics) {
        public Report {
            diagnostics = List.copyOf(diagnostics);
        }

        public long errors() {
            return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        }

        public long warnings() {
            return diagnostics.size() - errors();
        }

        public boolean valid() {
            return errors() == 0;
        }
    }

    private Validation() {
    }

    public static Report validate(String filename, String text, LintContext context) {
        ParseResult parsed = Parser.parse(filename, text);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (parsed.diagnostics().isEmpty()) {
            diagnostics.addAll(Linter.lint(parsed.file(), context));
        }
        return new Report(filename, diagnostics);
    }
}
