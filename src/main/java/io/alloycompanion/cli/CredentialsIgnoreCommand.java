package io.alloycompanion.cli;

import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.GitIgnoreGuard;
import io.alloycompanion.core.secrets.GitIgnoreResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ignore",
        description = "Make git ignore a file that holds (or will hold) a token: add it to the work tree's top-level "
                + ".gitignore unless it is there, then prove it with git check-ignore. Exit 0 when git ignores it (or "
                + "it is in no git work tree), 1 when git already tracks it or ignoring it cannot be proven, 2 when "
                + "git or .gitignore cannot be used.")
final class CredentialsIgnoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file, e.g. grafana-token.txt or .env.")
    private Path file;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    CredentialsIgnoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path absolute = file.toAbsolutePath().normalize();
        GitIgnoreResult result;
        try {
            result = new GitIgnoreGuard(context.runner()).ensureIgnored(absolute);
        } catch (IOException e) {
            err.println("error: .gitignore could not be updated for " + absolute + ": " + Errors.rootMessage(e)
                    + ". Check that you may write to it.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        int code = exitCode(result);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("file", absolute);
            document.putAll(describe(result));
            out.println(Json.write(document));
        } else if (!result.needed()) {
            out.println(absolute + " is not inside a git work tree: git cannot commit it, so there is nothing to ignore.");
        } else {
            report(out, result);
        }
        if (result.problem().isPresent() && code == ExitCodes.USAGE_OR_ENVIRONMENT) {
            err.println("error: git could not say whether it ignores " + result.relativePath().orElse(absolute.toString())
                    + ": " + result.problem().get() + ".");
        }
        return code;
    }

    /** 0 safe; 1 tracked or not ignored by git's own answer; 2 when git could not answer. */
    static int exitCode(GitIgnoreResult result) {
        if (result.safe()) {
            return ExitCodes.OK;
        }
        if (result.alreadyTracked()) {
            return ExitCodes.CHECK_FAILED;
        }
        return result.problem().isPresent() ? ExitCodes.USAGE_OR_ENVIRONMENT : ExitCodes.CHECK_FAILED;
    }

    /** What was done and proven, for a person. */
    static void report(PrintWriter out, GitIgnoreResult result) {
        String relative = result.relativePath().orElse("the file");
        String gitignore = result.gitignoreFile().map(Path::toString).orElse(".gitignore");
        out.println(result.entryAdded() ? "Added /" + relative + " to " + gitignore + "."
                : gitignore + " already lists /" + relative + ".");
        if (result.ignoredProven()) {
            out.println("git check-ignore confirms that git ignores " + relative + ".");
        }
        if (result.alreadyTracked()) {
            printTrackedWarning(out, result);
        } else if (!result.ignoredProven()) {
            out.println("warning: " + result.warning().orElse("git does not ignore " + relative + "."));
        }
    }

    /** The loud part: a tracked file is committed whatever .gitignore says, and its history keeps the token. */
    static void printTrackedWarning(PrintWriter out, GitIgnoreResult result) {
        String relative = result.relativePath().orElse("the file");
        String top = result.gitignoreFile().map(Path::getParent).map(Path::toString).orElse("the work tree");
        out.println();
        out.println("WARNING: git already tracks " + relative + ". .gitignore does not stop git from committing a tracked");
        out.println("WARNING: file, and every commit of it is in the history for good.");
        out.println("  1. Stop tracking it (the file stays on disk), in " + top + ":");
        out.println("       git rm --cached " + CredentialsScanCommand.shell(relative));
        out.println("     then commit.");
        out.println("  2. If it holds or ever held a token, ROTATE that token: a leaked token stays valid, and git history");
        out.println("     keeps it even after the file is deleted. Grafana Cloud portal → Security → Access Policies: add a");
        out.println("     new token, store it with `alloy-companion credentials add`, then delete the old one.");
    }

    static Map<String, Object> describe(GitIgnoreResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("inWorkTree", result.needed());
        document.put("gitignore", result.gitignoreFile());
        document.put("entry", result.relativePath().map(relative -> "/" + relative));
        document.put("entryAdded", result.entryAdded());
        document.put("ignoredProven", result.ignoredProven());
        document.put("alreadyTracked", result.alreadyTracked());
        document.put("safe", result.safe());
        document.put("problem", result.problem());
        document.put("warning", result.warning());
        return document;
    }
}
