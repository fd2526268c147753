package io.alloycompanion.cli;

import io.alloycompanion.core.platform.ByteSizes;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.platform.LogFiles;
import io.alloycompanion.core.settings.DataRemoval;
import io.alloycompanion.core.settings.DataRemoval.Folder;
import io.alloycompanion.core.settings.DataRemoval.FolderResult;
import io.alloycompanion.core.settings.DataRemoval.Kept;
import io.alloycompanion.core.settings.DataRemoval.Outcome;
import io.alloycompanion.core.settings.DataRemoval.Plan;
import io.alloycompanion.core.settings.DataRemoval.Problem;
import io.alloycompanion.core.settings.DataRemoval.StoredToken;
import io.alloycompanion.core.settings.DataRemoval.TokenResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reset",
        description = "Remove all of this app's data from this computer, before or after uninstalling the app: every "
                + "profile's saved tokens (from the keychain or the encrypted file), then the settings, data, logs and "
                + "cache folders. Lists what goes and what stays first, then asks you to type yes. Exit 0 when "
                + "everything listed was removed, 1 when something could not be, 2 when nothing was done.")
final class ResetCommand implements Callable<Integer> {

    static final String COMMAND = "alloy-companion reset --all";

    @Spec
    private CommandSpec spec;

    @Option(names = "--all", required = true, description = "Everything: tokens, profiles, settings, logs, the "
            + "downloaded Alloy, the generated config and the agent's data.")
    private boolean all;

    @Option(names = "--yes", description = "Remove without asking (for scripts; without it, the command asks on the "
            + "terminal and refuses when there is none).")
    private boolean yes;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion): what was listed and what "
            + "became of each item.")
    private boolean json;

    private final CliContext context;

    ResetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataRemoval removal = new DataRemoval(context.directories(), context.credentials(),
                context.encryptedSecretsFile(), LogFiles::closeIn);
        Plan plan = removal.plan(context.settings(), context.env().userHome());
        if (!yes) {
            // The list is the output in text mode; with --json it goes to the terminal beside the question.
            PrintWriter listing = json ? err : out;
            printPlan(plan, listing);
            listing.flush();
            if (!context.terminal().present()) {
                err.println("error: nothing was removed: there is no terminal to confirm on. Add --yes to remove all of "
                        + "the above without asking.");
                return finish(plan, Optional.empty(), out);
            }
            Optional<String> answer = context.terminal().readLine("Type \"yes\" to remove all of this: ");
            if (answer.map(String::strip).filter(typed -> typed.equalsIgnoreCase("yes")).isEmpty()) {
                err.println("Nothing was removed.");
                return finish(plan, Optional.empty(), out);
            }
        }
        Outcome outcome = removal.remove(plan);
        if (!json) {
            printOutcome(outcome, out);
        }
        return finish(plan, Optional.of(outcome), out);
    }

    private int finish(Plan plan, Optional<Outcome> outcome, PrintWriter out) {
        if (json) {
            out.println(Json.write(document(plan, outcome)));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        if (outcome.isEmpty()) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        return outcome.get().complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    // ---- text ------------------------------------------------------------------------------------------------------

    private static void printPlan(Plan plan, PrintWriter out) {
        out.println("This removes all of Alloy Companion's data from this computer:");
        out.println("  Saved tokens:");
        if (plan.tokens().isEmpty() && plan.profilesProblem().isEmpty()) {
            out.println("    none");
        }
        plan.tokens().forEach(token -> out.println("    " + describe(token, plan)));
        plan.profilesProblem().ifPresent(why -> out.println("    unknown: " + why + " Its tokens cannot be found, so "
                + "the file is kept."));
        out.println("  Folders:");
        plan.folders().forEach(folder -> out.println("    " + folder.path() + "  " + roles(folder) + ", "
                + (folder.exists() ? ByteSizes.describe(folder.bytes(), Locale.ROOT) : "not there")));
        out.println("It keeps:");
        plan.kept().forEach(kept -> out.println("    " + describe(kept)));
        out.println("Close the desktop app and stop Alloy first: while they run, they write into these folders. "
                + "The log file of this command is closed before its folder goes.");
    }

    private static String which(DataRemoval.TokenUse use) {
        return switch (use) {
            case TOKEN -> "token";
            case READ_TOKEN -> "read token";
            case GRAFANA_TOKEN -> "Grafana token";
        };
    }

    private static void printOutcome(Outcome outcome, PrintWriter out) {
        for (TokenResult result : outcome.tokens()) {
            StoredToken token = result.token();
            String which = which(token.use()) + " of " + token.profile();
            out.println(result.problem().map(problem -> "Not removed: the " + which + ": " + describe(problem))
                    .orElse("Removed the " + which + " (" + store(token) + ")."));
        }
        for (FolderResult result : outcome.folders()) {
            if (result.problems().isEmpty()) {
                out.println(result.folder().exists() ? "Removed " + result.folder().path() + "." : "Nothing at "
                        + result.folder().path() + ".");
            } else {
                result.problems().forEach(problem -> out.println("Not removed completely: " + result.folder().path()
                        + ": " + describe(problem)));
            }
        }
        out.println(outcome.complete() ? "Everything listed was removed. Uninstall the app as usual if you have not yet."
                : "Some things could not be removed (see above). Fix what stopped them, then run `" + COMMAND
                + "` again.");
    }

    private static String describe(StoredToken token, Plan plan) {
        String which = which(token.use());
        return switch (token.location()) {
            case KEYCHAIN -> token.profile() + ": " + which + " in the keychain (" + store(token) + ")";
            case ENCRYPTED_FILE -> token.profile() + ": " + which + " in the encrypted file " + plan.encryptedSecretsFile();
            case ASK_EACH_TIME -> token.profile() + ": " + which + " asked for each time (nothing saved)";
        };
    }

    private static String store(StoredToken token) {
        return switch (token.location()) {
            case KEYCHAIN -> "keychain service alloy-companion, account " + token.account();
            case ENCRYPTED_FILE -> "with the encrypted file";
            case ASK_EACH_TIME -> "nothing was saved";
        };
    }

    private static String roles(Folder folder) {
        return folder.orderedRoles().stream().map(role -> switch (role) {
            case CONFIG -> "settings and profiles";
            case DATA -> "downloaded Alloy, generated config, agent data";
            case LOGS -> "logs";
            case CACHE -> "cache";
        }).collect(Collectors.joining("; "));
    }

    private static String describe(Kept kept) {
        String path = kept.path().map(Object::toString).orElse("");
        return switch (kept.reason()) {
            case CONFIG_FILE_ELSEWHERE -> "your Alloy config " + path + " (outside these folders)";
            case STACK_FOLDER -> "the local stack folder " + path + " and its Docker volumes: `alloy-companion stack down "
                    + "--volumes --dir " + path + "`, then delete the folder";
            case OWN_FILES -> "your own files outside these folders";
            case SERVICES -> "Alloy installed by a package manager or as a service, and a token handed to a service: "
                    + "`alloy-companion uninstall --service`, `alloy-companion credentials deliver --remove`, or the "
                    + "package manager";
            case CLOUD_TOKENS -> "the tokens in Grafana Cloud: they stay valid until you revoke them there";
        };
    }

    private static String describe(Problem problem) {
        return switch (problem.kind()) {
            case STORE_FAILED -> "the store failed: " + problem.detail();
            case FILES_LEFT -> problem.detail();
            case KEPT_AS_RECORD -> "kept " + problem.detail() + ": it records where the tokens that could not be "
                    + "removed are";
            case PROFILES_UNREADABLE -> "kept the profiles file: " + problem.detail();
        };
    }

    // ---- JSON ------------------------------------------------------------------------------------------------------

    private static Map<String, Object> document(Plan plan, Optional<Outcome> outcome) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("done", outcome.isPresent());
        document.put("complete", outcome.map(Outcome::complete).orElse(false));
        List<Map<String, Object>> tokens = new ArrayList<>();
        List<TokenResult> tokenResults = outcome.map(Outcome::tokens)
                .orElseGet(() -> plan.tokens().stream().map(token -> new TokenResult(token, Optional.empty())).toList());
        for (TokenResult result : tokenResults) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("profile", result.token().profile());
            entry.put("use", which(result.token().use()).toLowerCase(java.util.Locale.ROOT).replace(" ", "-"));
            entry.put("store", id(result.token().location().name()));
            entry.put("account", result.token().account());
            entry.put("removed", outcome.isPresent() && result.problem().isEmpty());
            entry.put("problem", result.problem().map(ResetCommand::problem));
            tokens.add(entry);
        }
        document.put("tokens", tokens);
        document.put("profilesProblem", plan.profilesProblem());
        List<Map<String, Object>> folders = new ArrayList<>();
        List<FolderResult> folderResults = outcome.map(Outcome::folders)
                .orElseGet(() -> plan.folders().stream().map(folder -> new FolderResult(folder, List.of())).toList());
        for (FolderResult result : folderResults) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", result.folder().path());
            entry.put("roles", result.folder().orderedRoles().stream().map(role -> id(role.name())).toList());
            entry.put("exists", result.folder().exists());
            entry.put("bytes", result.folder().bytes());
            entry.put("files", result.folder().files());
            entry.put("removed", outcome.isPresent() && result.problems().isEmpty());
            entry.put("problems", result.problems().stream().map(ResetCommand::problem).toList());
            folders.add(entry);
        }
        document.put("folders", folders);
        document.put("kept", plan.kept().stream().map(kept -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reason", id(kept.reason().name()));
            entry.put("path", kept.path());
            return entry;
        }).toList());
        document.put("closedLogFiles", outcome.map(Outcome::closedLogFiles).orElse(List.of()));
        return document;
    }

    private static Map<String, Object> problem(Problem problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", id(problem.kind().name()));
        entry.put("detail", problem.detail());
        entry.put("message", describe(problem));
        return entry;
    }

    /** {@code ENCRYPTED_FILE} as {@code encrypted-file}. */
    private static String id(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
