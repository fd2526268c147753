package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.Leak;
import io.alloycompanion.core.secrets.LeakScanResult;
import io.alloycompanion.core.secrets.LeakScanner;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan",
        description = "Look for Grafana Cloud tokens (glc_…) where git can publish them: in the files git tracks under "
                + "DIR and, with --history, in every commit. The stored token of the profile (--profile, or the active "
                + "one) is looked for too, whatever its shape. Exit 0 when clean, 1 when a token was found, 2 when DIR "
                + "is not in a git work tree or git failed.")
final class CredentialsScanCommand implements Callable<Integer> {

    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current one).")
    private Path dir;

    @Option(names = "--history", description = "Also scan every line ever added, on every branch and tag: a token "
            + "removed in a later commit is still published.")
    private boolean history;

    @Option(names = "--profile", description = "Whose stored token to look for (default: the active profile; none is "
            + "fine: then only glc_ shapes are looked for).")
    private String profile;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsScanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            err.println("error: " + folder + " is not a folder.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<StoredToken> stored;
        try {
            stored = storedToken(err);
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        LeakScanResult result;
        try {
            result = new LeakScanner(context.runner()).scan(folder, stored.map(StoredToken::token),
                    history ? LeakScanner.Scope.TRACKED_FILES_AND_HISTORY : LeakScanner.Scope.TRACKED_FILES);
        } finally {
            stored.ifPresent(token -> token.token().close());
        }
        if (result instanceof LeakScanResult.NotInWorkTree) {
            err.println("error: " + folder + " is not inside a git work tree, so git cannot publish anything from it and "
                    + "there is nothing to scan. Name the project folder: alloy-companion credentials scan DIR");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (result instanceof LeakScanResult.GitFailed failed) {
            err.println("error: git could not list the files in " + folder + ": " + failed.problem() + ".");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        LeakScanResult.Completed completed = (LeakScanResult.Completed) result;
        Optional<String> profileName = stored.map(StoredToken::profile);
        if (json) {
            out.println(Json.write(document(folder, completed, profileName)));
        } else {
            report(out, folder, completed, profileName);
        }
        completed.historyProblem().ifPresent(problem -> err.println("warning: the history was not scanned to the end: "
                + problem + "."));
        if (!completed.leaks().isEmpty()) {
            return ExitCodes.CHECK_FAILED;
        }
        // Clean only when everything asked for was looked at.
        return completed.historyProblem().isPresent() ? ExitCodes.USAGE_OR_ENVIRONMENT : ExitCodes.OK;
    }

    private record StoredToken(String profile, Secret token) {
    }

    /** The named or active profile's token; nothing (silently) when there is no profile or it has no stored token. */
    private Optional<StoredToken> storedToken(PrintWriter err) throws ProfileException {
        CredentialManager credentials = passphrase.credentials(context);
        Optional<StackProfile> chosen;
        if (profile != null) {
            chosen = Optional.of(credentials.require(profile));
        } else {
            try {
                chosen = credentials.profiles().activeProfile();
            } catch (ProfileException e) {
                err.println("note: not looking for a stored token: " + e.getMessage());
                return Optional.empty();
            }
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        try {
            return credentials.token(chosen.get()).map(token -> new StoredToken(chosen.get().name(), token));
        } catch (SecretStoreException e) {
            err.println("note: not looking for the stored token of profile " + chosen.get().name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Object> document(Path folder, LeakScanResult.Completed result, Optional<String> profileName) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("folder", folder);
        document.put("filesScanned", result.filesScanned());
        document.put("filesSkipped", result.filesSkipped());
        document.put("historyScanned", result.historyScanned());
        document.put("historyProblem", result.historyProblem());
        document.put("storedTokenOf", profileName);
        document.put("leaks", result.leaks().stream().map(leak -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", slashes(leak.file()));
            entry.put("line", leak.line());
            entry.put("commit", leak.commit());
            entry.put("masked", leak.maskedValue());
            entry.put("kind", leak.kind().name().toLowerCase(Locale.ROOT));
            return entry;
        }).toList());
        return document;
    }

    private void report(PrintWriter out, Path folder, LeakScanResult.Completed result, Optional<String> profileName) {
        String looked = result.filesScanned() + " tracked file" + (result.filesScanned() == 1 ? "" : "s")
                + (result.historyScanned() ? " and the whole git history" : "")
                + profileName.map(name -> ", looking for glc_ tokens and the stored token of profile " + name)
                .orElse(", looking for glc_ tokens");
        if (result.leaks().isEmpty()) {
            out.println("No token found in " + folder + " (" + looked + ").");
            if (!history) {
                out.println("Add --history to look through every commit too: a token deleted later is still published.");
            }
            return;
        }
        List<Leak> leaks = result.leaks();
        out.println("Found " + leaks.size() + " leaked token" + (leaks.size() == 1 ? "" : "s") + " in " + folder
                + " (" + looked + "):");
        for (Leak leak : leaks) {
            out.println("  " + slashes(leak.file()) + ":" + leak.line() + "  " + leak.maskedValue()
                    + leak.commit().map(commit -> "  (commit " + commit.substring(0, Math.min(7, commit.length())) + ")").orElse("")
                    + (leak.kind() == Leak.Kind.STORED_TOKEN ? "  [the stored token of profile "
                    + profileName.orElse("?") + "]" : ""));
        }
        Set<String> tracked = new LinkedHashSet<>();
        Set<String> historyOnly = new LinkedHashSet<>();
        for (Leak leak : leaks) {
            (leak.commit().isEmpty() ? tracked : historyOnly).add(slashes(leak.file()));
        }
        historyOnly.removeAll(tracked);
        out.println();
        out.println("Next steps:");
        out.println("  1. ROTATE the token now. A leaked token stays valid until it is deleted, and git history keeps it");
        out.println("     even after the file or line is deleted (every clone and fork has a copy). Grafana Cloud portal");
        out.println("     → Security → Access Policies: add a new token to the policy, store it with");
        out.println("     `alloy-companion credentials add --profile " + profileName.orElse("<name>") + "`, then delete the old one.");
        if (!tracked.isEmpty()) {
            out.println("  2. Stop tracking each file (it stays on disk) and make git ignore it, in " + folder + ":");
            for (String file : tracked) {
                out.println("       git rm --cached " + shell(file));
                out.println("       alloy-companion credentials ignore " + shell(file));
            }
            out.println("     then commit. A file that must stay in git (a config) should read the token instead:");
            out.println("     password = sys.env(\"GCLOUD_RW_API_KEY\"), handed over with `alloy-companion credentials deliver`.");
        }
        if (!historyOnly.isEmpty()) {
            out.println("  " + (tracked.isEmpty() ? "2" : "3") + ". Only in the history now: " + String.join(", ", historyOnly)
                    + ". Deleting it again does not help; rotating does.");
        }
    }

    private static String slashes(Path file) {
        return file.toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** A path as a shell argument: quoted only when it needs to be. */
    static String shell(String path) {
        return PLAIN_ARGUMENT.matcher(path).matches() ? path : "\"" + path.replace("\"", "\\\"") + "\"";
    }
}
