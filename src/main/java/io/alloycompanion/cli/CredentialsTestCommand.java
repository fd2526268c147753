package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProbeResult;
import io.alloycompanion.core.cloud.Problem;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test",
        description = "Test every configured signal of a profile in parallel (each within 10 s) without pushing real "
                + "data. Exit 0 when all configured signals pass, 1 when any fails, 2 on a usage or environment error.")
final class CredentialsTestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", description = "The profile (default: the active one).")
    private String profile;

    @Option(names = "--token-stdin", description = "Test with the token on standard input instead of the stored one.")
    private boolean tokenStdin;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsTestCommand(CliContext context) {
        this.context = context;
    }

    static StackProfile choose(CredentialManager credentials, Optional<String> name) throws ProfileException {
        if (name.isPresent()) {
            return credentials.require(name.get());
        }
        return credentials.profiles().activeProfile().orElseThrow(() -> new ProfileException(
                "No active profile. Add one with `credentials add --profile dev …` or name one with --profile."));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!passphrase.compatibleWithTokenStdin(tokenStdin, err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CredentialManager credentials = passphrase.credentials(context);
        StackProfile chosen;
        Optional<Secret> token;
        try {
            chosen = choose(credentials, Optional.ofNullable(profile));
            token = tokenStdin ? Optional.of(TokenInput.fromStream(context.stdin())) : credentials.token(chosen);
            if (token.isEmpty()) {
                token = TokenInput.prompt("Token for profile " + chosen.name() + " (input hidden): ");
            }
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        ConnectionTester tester = new ConnectionTester(EnvironmentProxySelector.forMachine(context.env()));
        List<ProbeResult> results;
        try {
            results = tester.testAll(chosen, token, result -> { }, () -> false);
        } finally {
            token.ifPresent(Secret::close);
        }
        boolean failed = results.stream().anyMatch(result -> result.outcome() == ProbeResult.Outcome.FAILED);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("profile", chosen.name());
            document.put("ok", !failed);
            document.put("results", results.stream().map(CredentialsTestCommand::describe).toList());
            out.println(Json.write(document));
        } else {
            out.println("Profile " + chosen.name() + chosen.stack().map(slug -> " (stack " + slug + ")").orElse(""));
            List<String> notConfigured = results.stream()
                    .filter(result -> result.problem() == Problem.NOT_CONFIGURED)
                    .map(ProbeResult::target).toList();
            for (ProbeResult result : results) {
                if (result.problem() == Problem.NOT_CONFIGURED) {
                    continue;
                }
                String mark = switch (result.outcome()) {
                    case OK -> "✔";
                    case FAILED -> "✖";
                    case SKIPPED -> "–";
                };
                out.printf("  %s %-8s %s%s%n", mark, result.target(), result.message(),
                        result.outcome() == ProbeResult.Outcome.SKIPPED ? "" : " [" + result.elapsed().toMillis() + " ms]");
                result.note().ifPresent(note -> out.println("             " + note));
            }
            if (!notConfigured.isEmpty()) {
                out.println("  – not configured: " + String.join(", ", notConfigured));
            }
        }
        return failed ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    static Map<String, Object> describe(ProbeResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("signal", result.target());
        document.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        document.put("problem", result.problem().name().toLowerCase(Locale.ROOT));
        document.put("url", result.url());
        document.put("username", result.username());
        document.put("status", result.status());
        document.put("elapsedMs", result.elapsed().toMillis());
        document.put("message", result.message());
        document.put("detail", result.detail());
        document.put("suggestedUrl", result.suggestedUrl());
        document.put("retryAfterSeconds", result.retryAfter().map(java.time.Duration::toSeconds));
        document.put("note", result.note());
        return document;
    }
}
