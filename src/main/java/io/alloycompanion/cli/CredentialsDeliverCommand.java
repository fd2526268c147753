package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.config.ast.StringLiterals;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.GitIgnoreGuard;
import io.alloycompanion.core.secrets.GitIgnoreResult;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.secrets.ServiceSecretChange;
import io.alloycompanion.core.secrets.ServiceSecretException;
import io.alloycompanion.core.secrets.ServiceSecrets;
import io.alloycompanion.core.secrets.TokenFileException;
import io.alloycompanion.core.secrets.TokenFiles;
import io.alloycompanion.core.secrets.WrittenTokenFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deliver",
        description = "Hand a profile's token to Alloy without it entering any repository: to an Alloy service's "
                + "environment (GCLOUD_RW_API_KEY, read by sys.env), or to an owner-only file read by local.file. "
                + "--remove takes it back. Exit 0 done, 1 done but Alloy was not restarted or git would commit the "
                + "file, 2 on a usage or environment error (the message says what, if anything, changed).")
final class CredentialsDeliverCommand implements Callable<Integer> {

    /** Where the token can go. */
    enum Target {
        USER_SERVICE("user-service", "the systemd user unit alloy.service (the one this app installs)", OperatingSystem.LINUX),
        SYSTEM_SERVICE("system-service", "the system unit alloy.service of the deb/rpm package", OperatingSystem.LINUX),
        WINDOWS_SERVICE("windows-service", "the Windows service Alloy of the official installer", OperatingSystem.WINDOWS),
        HOMEBREW("homebrew", "Homebrew's alloy service (brew services)", OperatingSystem.MACOS),
        TOKEN_FILE("token-file", "an owner-only file in this app's data folder", null),
        LEGACY_FILE("legacy-file", "grafana-token.txt beside the config, ignored by git", null);

        final String id;
        final String description;
        /** The one OS the target exists on; null for every OS. */
        final OperatingSystem only;

        Target(String id, String description, OperatingSystem only) {
            this.id = id;
            this.description = description;
            this.only = only;
        }

        static Optional<Target> parse(String value) {
            return Arrays.stream(values()).filter(target -> target.id.equals(value.toLowerCase(Locale.ROOT))).findFirst();
        }

        static String ids() {
            return Arrays.stream(values()).map(target -> target.id).collect(Collectors.joining(", "));
        }

        boolean service() {
            return only != null;
        }
    }

    private static final String LOCAL_FILE_LABEL = "gcloud_token";
    private static final String FILE_PASSWORD = "local.file." + LOCAL_FILE_LABEL + ".content";

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "user-service (Linux: the app's systemd user unit), system-service (Linux: the package's "
                    + "alloy.service, asks for an administrator's password through pkexec), windows-service (the "
                    + "official installer's service, a UAC prompt), homebrew (macOS), token-file (an owner-only file in "
                    + "the app's data folder, for local.file), legacy-file (grafana-token.txt beside --config, only once "
                    + "git is proven to ignore it).")
    private String to;

    @Option(names = "--profile", description = "The profile (default: the active one).")
    private String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "The Alloy config; needed by --to legacy-file.")
    private Path config;

    @Option(names = "--remove", description = "Take the token back out of the target instead (token-file and "
            + "legacy-file: delete the file).")
    private boolean remove;

    @Option(names = "--token-stdin", description = "Deliver the token on standard input instead of the stored one "
            + "(for profiles whose token is asked for each time).")
    private boolean tokenStdin;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsDeliverCommand(CliContext context) {
        this.context = context;
    }

    /** What was done, for the report. */
    private record Outcome(String action, String location, Optional<ServiceSecretChange.Restart> restart,
                           Optional<String> passwordExpression, Optional<GitIgnoreResult> gitIgnore) {
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Target> parsed = Target.parse(to);
        if (parsed.isEmpty()) {
            err.println("error: --to must be one of " + Target.ids() + ", not '" + to + "'.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Target target = parsed.get();
        OperatingSystem os = context.env().os();
        if (target.only != null && target.only != os) {
            err.println("error: --to " + target.id + " is " + target.description + ", which exists on "
                    + name(target.only) + " only, and this is " + name(os) + ". " + alternatives(os));
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (target == Target.LEGACY_FILE && config == null) {
            err.println("error: --to legacy-file needs --config FILE: the token goes beside that config as "
                    + TokenFiles.LEGACY_FILE_NAME + ".");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (!passphrase.compatibleWithTokenStdin(tokenStdin, err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        try {
            return remove ? remove(target) : deliver(target);
        } catch (ServiceSecretException e) {
            err.println("error: " + e.getMessage());
            return e.reason() == ServiceSecretException.Reason.RESTART_FAILED ? ExitCodes.CHECK_FAILED
                    : ExitCodes.USAGE_OR_ENVIRONMENT;
        } catch (TokenFileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
    }

    private int deliver(Target target) throws ProfileException, SecretStoreException, ServiceSecretException,
            TokenFileException, InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        CredentialManager credentials = passphrase.credentials(context);
        StackProfile chosen = CredentialsTestCommand.choose(credentials, Optional.ofNullable(profile));
        Optional<GitIgnoreResult> precheck = Optional.empty();
        if (target == Target.LEGACY_FILE) {
            // Prove git ignores the file before the token is even loaded; a tracked file gets the loud warning.
            Path file = configDir().resolve(TokenFiles.LEGACY_FILE_NAME);
            GitIgnoreResult ignore = new GitIgnoreGuard(context.runner()).ensureIgnored(file);
            if (!ignore.safe()) {
                return refused(target, chosen, file, ignore);
            }
            precheck = Optional.of(ignore);
        }
        Optional<Secret> token = token(credentials, chosen);
        if (token.isEmpty()) {
            err.println("error: profile " + chosen.name() + " has no stored token and there is no terminal to ask for it "
                    + "on. Pipe it with --token-stdin, or store it: alloy-companion credentials add --profile "
                    + chosen.name() + " --token-stdin");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        try (Secret secret = token.get()) {
            if (tokenStdin || chosen.secret().isEmpty()) {
                TokenInspection inspection = TokenInspector.inspect(secret);
                if (!inspection.accepted()) {
                    err.println("error: " + inspection.refusal().orElse("this token cannot be used."));
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
            }
            Outcome outcome = switch (target) {
                case USER_SERVICE -> service(services().toUserUnit(secret));
                case SYSTEM_SERVICE -> service(services().toSystemUnit(secret));
                case WINDOWS_SERVICE -> service(services().toWindowsService(secret, context.directories().data()));
                case HOMEBREW -> service(services().toHomebrewService(secret));
                case TOKEN_FILE -> new Outcome("written", tokenFiles().writeAppTokenFile(context.directories().data(),
                        chosen.name(), secret).toString(), Optional.empty(), Optional.of(FILE_PASSWORD), Optional.empty());
                case LEGACY_FILE -> legacy(tokenFiles().writeBesideConfig(configDir(), secret),
                        precheck.map(GitIgnoreResult::entryAdded).orElse(false));
            };
            return report(target, Optional.of(chosen.name()), outcome);
        }
    }

    private int remove(Target target) throws ProfileException, ServiceSecretException, TokenFileException,
            InterruptedException {
        Optional<String> name = Optional.empty();
        Outcome outcome;
        switch (target) {
            case USER_SERVICE -> outcome = service(services().removeFromUserUnit());
            case SYSTEM_SERVICE -> outcome = service(services().removeFromSystemUnit());
            case WINDOWS_SERVICE -> outcome = service(services().removeFromWindowsService(context.directories().data()));
            case HOMEBREW -> outcome = service(services().removeFromHomebrewService());
            case TOKEN_FILE -> {
                // Only the name is needed, so a profile removed since can still have its file cleaned up.
                name = Optional.of(profile != null ? profile : context.credentials().profiles().active()
                        .orElseThrow(() -> new ProfileException("No active profile: name the one whose token file to "
                                + "remove with --profile.")));
                Path file = TokenFiles.appTokenFile(context.directories().data(), name.get());
                boolean removed = tokenFiles().removeAppTokenFile(context.directories().data(), name.get());
                outcome = new Outcome(removed ? "removed" : "nothing_to_remove", file.toString(), Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            case LEGACY_FILE -> {
                Path file = configDir().resolve(TokenFiles.LEGACY_FILE_NAME);
                boolean removed = tokenFiles().removeBesideConfig(configDir());
                outcome = new Outcome(removed ? "removed" : "nothing_to_remove", file.toString(), Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            default -> throw new IllegalStateException(target.id);
        }
        return report(target, name, outcome);
    }

    private Optional<Secret> token(CredentialManager credentials, StackProfile chosen) throws SecretStoreException, IOException {
        if (tokenStdin) {
            return Optional.of(TokenInput.fromStream(context.stdin()));
        }
        Optional<Secret> stored = credentials.token(chosen);
        return stored.isPresent() ? stored
                : TokenInput.prompt("Token for profile " + chosen.name() + " (input hidden): ");
    }

    private ServiceSecrets services() {
        return new ServiceSecrets(context.env(), context.runner());
    }

    private TokenFiles tokenFiles() {
        return new TokenFiles(new GitIgnoreGuard(context.runner()));
    }

    private Path configDir() {
        Path parent = config.toAbsolutePath().normalize().getParent();
        return parent == null ? config.toAbsolutePath() : parent;
    }

    private static Outcome service(ServiceSecretChange change) {
        return new Outcome(change.action().name().toLowerCase(Locale.ROOT), change.location(), Optional.of(change.restart()),
                change.action() == ServiceSecretChange.Action.WRITTEN
                        ? Optional.of("sys.env(\"" + ServiceSecrets.environmentVariable() + "\")") : Optional.empty(),
                Optional.empty());
    }

    /** The second proof (the one made right before writing) found the entry the first one added. */
    private static Outcome legacy(WrittenTokenFile written, boolean entryAddedByPrecheck) {
        GitIgnoreResult proof = written.gitIgnore();
        GitIgnoreResult shown = new GitIgnoreResult(proof.gitignoreFile(), proof.relativePath(),
                proof.entryAdded() || entryAddedByPrecheck, proof.ignoredProven(), proof.alreadyTracked(), proof.problem());
        return new Outcome("written", written.file().toString(), Optional.empty(), Optional.of(FILE_PASSWORD),
                Optional.of(shown));
    }

    /** git would commit the legacy file: nothing is written, and the user learns how to fix it. */
    private int refused(Target target, StackProfile chosen, Path file, GitIgnoreResult ignore) {
        PrintWriter out = spec.commandLine().getOut();
        int code = CredentialsIgnoreCommand.exitCode(ignore);
        if (json) {
            Map<String, Object> document = document(target, Optional.of(chosen.name()),
                    new Outcome("refused", file.toString(), Optional.empty(), Optional.empty(), Optional.of(ignore)));
            out.println(Json.write(document));
        } else {
            out.println("The token was NOT written to " + file + ".");
            CredentialsIgnoreCommand.report(out, ignore);
            out.println("Safer: alloy-companion credentials deliver --to token-file keeps the token outside the project.");
        }
        return code;
    }

    private int report(Target target, Optional<String> profileName, Outcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(document(target, profileName, outcome)));
            return ExitCodes.OK;
        }
        switch (outcome.action()) {
            case "removed" -> out.println("Removed the token from " + target.description + ": " + outcome.location() + ".");
            case "nothing_to_remove" -> out.println("Nothing to remove: " + target.description + " holds no token ("
                    + outcome.location() + ").");
            default -> out.println("Handed the token" + profileName.map(name -> " of profile " + name).orElse("")
                    + " to " + target.description + ": " + outcome.location()
                    + (target.service() ? "" : " (readable by you only)") + ".");
        }
        outcome.restart().map(CredentialsDeliverCommand::restart).filter(text -> !text.isEmpty()).ifPresent(out::println);
        outcome.gitIgnore().ifPresent(ignore -> CredentialsIgnoreCommand.report(out, ignore));
        if (outcome.action().equals("written")) {
            if (target.service()) {
                out.println("The config reads it with password = sys.env(\"" + ServiceSecrets.environmentVariable()
                        + "\"), which `alloy-companion config generate` writes by default.");
            } else {
                out.println("Read it in the config with:");
                out.println();
                out.print(localFileSnippet(outcome.location()));
                out.println();
                out.println("and use it as the password: password = " + FILE_PASSWORD);
                out.println("Alloy must run as you to read it (the user service, or `alloy-companion run`).");
                if (target == Target.LEGACY_FILE) {
                    out.println("Safer: --to token-file keeps the token outside the project altogether.");
                }
            }
        } else if (outcome.action().equals("removed")) {
            out.println("If the token was ever anywhere git could publish it, rotate it: Grafana Cloud portal → Security "
                    + "→ Access Policies.");
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> document(Target target, Optional<String> profileName, Outcome outcome) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("target", target.id);
        document.put("profile", profileName);
        document.put("action", outcome.action());
        document.put("location", outcome.location());
        document.put("restart", outcome.restart().map(restart -> restart.name().toLowerCase(Locale.ROOT)));
        document.put("password", outcome.passwordExpression());
        document.put("configSnippet", outcome.passwordExpression().filter(FILE_PASSWORD::equals)
                .map(expression -> localFileSnippet(outcome.location())));
        document.put("gitignore", outcome.gitIgnore().map(CredentialsIgnoreCommand::describe));
        return document;
    }

    /** The block that reads the file, formatted as {@code alloy fmt} would. */
    static String localFileSnippet(String file) {
        return "local.file \"" + LOCAL_FILE_LABEL + "\" {\n"
                + "\tfilename  = " + StringLiterals.quote(file) + "\n"
                + "\tis_secret = true\n"
                + "}\n";
    }

    private static String restart(ServiceSecretChange.Restart restart) {
        return switch (restart) {
            case RESTARTED -> "Alloy was restarted and uses it now.";
            case RESTARTED_IF_RUNNING -> "alloy.service was restarted if it was running; otherwise it gets the change when "
                    + "it next starts.";
            case NOT_RUNNING -> "Alloy is not running; it gets the change when it next starts.";
            case NOT_NEEDED -> "";
        };
    }

    private static String name(OperatingSystem os) {
        return switch (os) {
            case LINUX -> "Linux";
            case MACOS -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> "this operating system";
        };
    }

    private static String alternatives(OperatingSystem os) {
        List<String> targets = new ArrayList<>();
        for (Target target : Target.values()) {
            if (target.only == os) {
                targets.add(target.id);
            }
        }
        targets.add("token-file");
        return "Here use --to " + String.join(" or --to ", targets) + ".";
    }
}
