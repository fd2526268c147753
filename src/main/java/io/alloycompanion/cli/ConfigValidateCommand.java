package io.alloycompanion.cli;

import io.alloycompanion.core.config.ConfigText;
import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.platform.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate",
        description = "Check a config's syntax, then lint it (duplicate or missing components, secrets in plain text, "
                + "deprecated forms, open receivers, ignored proxies, Grafana Cloud URL paths).%n"
                + "Prints file:line:col: message for each finding. Exit 1 on any error; warnings alone exit 0.")
final class ConfigValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The config file.")
    private Path file;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion) instead of text.")
    private boolean json;

    private final CliContext context;

    ConfigValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            ConfigText.Decoded decoded = ConfigText.read(file);
            if (decoded.problem().isPresent()) {
                out.println(file + ":" + decoded.problem().get());
                out.flush();
                return ExitCodes.CHECK_FAILED;
            }
            text = decoded.text();
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Validation.Report report = Validation.validate(file.toString(), text, LintContext.fromEnvironment(context.env()::variable));
        if (json) {
            out.println(Json.write(document(report)));
        } else {
            for (Diagnostic diagnostic : report.diagnostics()) {
                String kind = diagnostic.severity() == Diagnostic.Severity.WARNING ? "warning: " : "";
                out.println(diagnostic.start() + ": " + kind + diagnostic.message());
                diagnostic.suggestion().ifPresent(fix -> out.println("\tfix: " + fix));
            }
            if (report.diagnostics().isEmpty()) {
                out.println(file + ": valid");
            }
        }
        out.flush();
        return report.valid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static Map<String, Object> document(Validation.Report report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("file", report.file());
        document.put("valid", report.valid());
        document.put("errors", report.errors());
        document.put("warnings", report.warnings());
        document.put("diagnostics", report.diagnostics().stream().map(ConfigValidateCommand::entry).toList());
        return document;
    }

    private static Map<String, Object> entry(Diagnostic diagnostic) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT));
        entry.put("line", diagnostic.start().line());
        entry.put("column", diagnostic.start().column());
        diagnostic.end().ifPresent(end -> {
            entry.put("endLine", end.line());
            entry.put("endColumn", end.column());
        });
        entry.put("message", diagnostic.message());
        entry.put("suggestion", diagnostic.suggestion().orElse(null));
        return entry;
    }
}
