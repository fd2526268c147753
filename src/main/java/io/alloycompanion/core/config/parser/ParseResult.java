package io.alloycompanion.core.config.parser;

import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.syntax.Diagnostic;
import java.util.List;

/** The tree (always built, even from broken input) and the syntax errors found on the way, in source order. */
public record ParseResult(ConfigFile file, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR);
    }
}
