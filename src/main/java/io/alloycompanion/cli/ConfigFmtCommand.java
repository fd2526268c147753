package io.alloycompanion.cli;

import io.alloycompanion.core.config.ConfigText;
import io.alloycompanion.core.config.Formatter;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloy fmt}, with the same output, messages and exit codes (1 for every failure, as Alloy exits). */
@Command(name = "fmt",
        description = "Format an Alloy configuration file exactly as `alloy fmt` does. "
                + "Without FILE, or with -, reads standard input.")
final class ConfigFmtCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-w", "--write"}, description = "Write the result to the file (only when it changed) instead of stdout; "
            + "the previous version is kept as FILE.bak.")
    private boolean write;

    @Option(names = {"-t", "--test"}, description = "Print nothing; exit 1 when the file is not formatted. Cannot be used with -w.")
    private boolean test;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to format, or - for standard input.")
    private String file = "-";

    private final InputStream stdin;

    ConfigFmtCommand(CliContext context) {
        this.stdin = context.stdin();
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (write && test) {
            return fail(err, "cannot use -w/--write and -t/--test at the same time");
        }
        String name;
        String text;
        Path path = null;
        if (file.equals("-")) {
            if (write) {
                return fail(err, "cannot use -w with standard input");
            }
            name = "<stdin>";
            ConfigText.Decoded decoded = ConfigText.decode(stdin.readAllBytes());
            if (decoded.problem().isPresent()) {
                err.println(name + ":" + decoded.problem().get());
                return fail(err, "encountered errors during formatting");
            }
            text = decoded.text();
        } else {
            path = Path.of(file);
            if (Files.isDirectory(path)) {
                return fail(err, "cannot format a directory");
            }
            ConfigText.Decoded decoded;
            try {
                decoded = ConfigText.read(path);
            } catch (NoSuchFileException e) {
                return fail(err, "stat " + file + ": no such file or directory");
            }
            name = file;
            if (decoded.problem().isPresent()) {
                err.println(name + ":" + decoded.problem().get());
                return fail(err, "encountered errors during formatting");
            }
            text = decoded.text();
        }

        Formatter.Result result = Formatter.format(name, text);
        if (result instanceof Formatter.Failed) {
            for (Diagnostic diagnostic : ((Formatter.Failed) result).diagnostics()) {
                err.println(diagnostic);
            }
            return fail(err, "encountered errors during formatting");
        }
        Formatter.Formatted formatted = (Formatter.Formatted) result;
        if (test) {
            return formatted.changed() ? fail(err, "file " + name + " is not formatted correctly") : ExitCodes.OK;
        }
        if (!write) {
            out.print(formatted.text());
            out.flush();
            return ExitCodes.OK;
        }
        if (formatted.changed()) {
            AtomicFiles.writeWithBackup(path, formatted.text().getBytes(StandardCharsets.UTF_8));
        }
        return ExitCodes.OK;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("Error: " + message);
        err.flush();
        return ExitCodes.CHECK_FAILED;
    }
}
