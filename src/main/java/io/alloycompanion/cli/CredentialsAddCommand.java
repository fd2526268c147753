package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackDiscovery;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "add",
        description = "Add or update a stack profile. With --stack and a token that has stacks:read, every endpoint "
                + "and username is read from grafana.com; otherwise give them with the --*-url/--*-user options "
                + "(they also override what discovery found). The token is read from stdin (--token-stdin) or asked "
                + "for with input hidden, never taken from the command line, and stored in the OS keychain or, with "
                + "--store encrypted-file, in a passphrase-encrypted file.")
final class CredentialsAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", required = true, description = "Profile name (letters, digits, . _ -).")
    private String profile;

    @Option(names = "--stack", paramLabel = "SLUG", description = "The stack's slug or URL (mystack or https://mystack.grafana.net).")
    private String stack;

    @Option(names = "--metrics-url", description = "Prometheus push URL (…/api/prom/push).")
    private String metricsUrl;
    @Option(names = "--metrics-user", description = "Metrics username: the stack's hmInstancePromId.")
    private String metricsUser;
    @Option(names = "--logs-url", description = "Loki push URL (…/loki/api/v1/push).")
    private String logsUrl;
    @Option(names = "--logs-user", description = "Logs username: the stack's hlInstanceId.")
    private String logsUser;
    @Option(names = "--traces-url", paramLabel = "HOST:443", description = "Tempo OTLP gRPC address.")
    private String tracesUrl;
    @Option(names = "--traces-user", description = "Traces username: the stack's htInstanceId.")
    private String tracesUser;
    @Option(names = "--otlp-url", description = "OTLP gateway URL (…/otlp).")
    private String otlpUrl;
    @Option(names = "--otlp-user", description = "OTLP username: the stack id.")
    private String otlpUser;
    @Option(names = "--fleet-url", description = "Fleet Management URL.")
    private String fleetUrl;
    @Option(names = "--fleet-user", description = "Fleet Management username: agentManagementInstanceId.")
    private String fleetUser;

    @Option(names = "--token-stdin", description = "Read the token from standard input (trimmed).")
    private boolean tokenStdin;

    @Option(names = "--store", paramLabel = "keychain|encrypted-file|ask", defaultValue = "keychain",
            description = "Where the token lives: the OS keychain (default); the passphrase-encrypted file "
                    + "<app data>/secrets.enc.json, for machines without a working keychain (the passphrase is asked for "
                    + "with input hidden, or read from stdin with --passphrase-stdin, and then the token is asked for); "
                    + "or nowhere (ask each time it is needed).")
    private String store;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    @Option(names = "--no-discover", description = "Do not ask grafana.com for the endpoints.")
    private boolean noDiscover;

    @Option(names = "--json", description = "Print the saved profile as one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    CredentialsAddCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!StackProfile.validName(profile)) {
            err.println("error: '" + profile + "' is not a valid profile name: use letters, digits, '.', '_' or '-'.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<SecretLocation> location = location(store);
        if (location.isEmpty()) {
            err.println("error: --store must be keychain, encrypted-file or ask.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (!passphrase.compatibleWithTokenStdin(tokenStdin, err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CredentialManager credentials = passphrase.credentials(context);
        Optional<StackProfile> existing;
        try {
            existing = credentials.profiles().find(profile);
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<Secret> token = tokenStdin ? Optional.of(TokenInput.fromStream(context.stdin()))
                : existing.flatMap(StackProfile::secret).isPresent() ? Optional.empty()
                : TokenInput.prompt("Paste the access policy token (glc_…, input hidden): ");
        if (token.isEmpty() && location.get() == SecretLocation.ENCRYPTED_FILE
                && existing.flatMap(StackProfile::secret).isEmpty()) {
            err.println("error: no token to store in the encrypted file: there is no terminal to ask for it on. Pipe it "
                    + "with --token-stdin (the passphrase is then asked for on the terminal), or run this in a terminal "
                    + "(with --passphrase-stdin the token is typed at the hidden prompt).");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        try {
            if (token.isPresent()) {
                TokenInspection inspection = TokenInspector.inspect(token.get());
                if (!inspection.accepted()) {
                    err.println("error: " + inspection.refusal().orElse("this token cannot be used."));
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
                err.println("Token " + inspection.masked() + inspection.info().map(info -> ": org "
                        + info.org().orElse("?") + ", name " + info.name().orElse("?") + ", region "
                        + info.region().orElse("?")).orElse(""));
            }
            StackProfile next = existing.orElse(StackProfile.named(profile));
            if (stack != null) {
                next = next.withStack(Optional.of(StackDiscovery.slugOf(stack)), next.stackUrl());
                if (!noDiscover && token.isPresent()) {
                    next = discover(next, token.get(), err);
                }
            }
            next = next.withEndpoints(withFlags(next.endpoints()));
            StackProfile saved = credentials.save(next, token, location.get());
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("schemaVersion", 1);
                document.putAll(CredentialsShowCommand.describe(saved));
                out.println(Json.write(document));
            } else {
                out.println("Saved profile " + saved.name() + " (" + saved.endpoints().size() + " endpoint"
                        + (saved.endpoints().size() == 1 ? "" : "s") + ", token in the "
                        + saved.secret().map(ref -> switch (ref.location()) {
                            case KEYCHAIN -> "OS keychain";
                            case ENCRYPTED_FILE -> "encrypted file " + context.encryptedSecretsFile();
                            case ASK_EACH_TIME -> "memory of this command only";
                        }).orElse("- none") + "). Test it: alloy-companion credentials "
                        + "test --profile " + saved.name());
            }
            return ExitCodes.OK;
        } catch (ProfileException | SecretStoreException e) {
            err.println("error: " + e.getMessage());
            if (e instanceof SecretStoreException) {
                err.println("The profile was not saved.");
            }
            if (e instanceof SecretStoreException storeError && location.get() == SecretLocation.KEYCHAIN
                    && storeError.reason() == SecretStoreException.Reason.UNAVAILABLE) {
                err.println("Without a working keychain, use --store encrypted-file (a passphrase-protected file) "
                        + "or --store ask (the token is asked for each time).");
            }
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        } finally {
            token.ifPresent(Secret::close);
        }
    }

    private StackProfile discover(StackProfile profile, Secret token, PrintWriter err) {
        StackDiscovery discovery = new StackDiscovery(
                new ConnectionTester(EnvironmentProxySelector.forMachine(context.env())),
                context.settings().grafanaComApiBase());
        StackDiscovery.Outcome outcome = discovery.discover(profile.stack().orElseThrow(), token);
        if (!outcome.found()) {
            err.println(outcome.probe().message());
            err.println("Continuing with the endpoints given on the command line.");
            return profile;
        }
        err.println("Discovered " + outcome.endpoints().size() + " endpoints from grafana.com.");
        Map<Signal, Endpoint> merged = new EnumMap<>(Signal.class);
        merged.putAll(profile.endpoints());
        merged.putAll(outcome.endpoints());
        return profile.withStack(profile.stack(), outcome.stackUrl().or(profile::stackUrl)).withEndpoints(merged);
    }

    private Map<Signal, Endpoint> withFlags(Map<Signal, Endpoint> current) {
        Map<Signal, Endpoint> merged = new EnumMap<>(Signal.class);
        merged.putAll(current);
        override(merged, Signal.METRICS, metricsUrl, metricsUser);
        override(merged, Signal.LOGS, logsUrl, logsUser);
        override(merged, Signal.TRACES, tracesUrl, tracesUser);
        override(merged, Signal.OTLP, otlpUrl, otlpUser);
        override(merged, Signal.FLEET, fleetUrl, fleetUser);
        return merged;
    }

    private static void override(Map<Signal, Endpoint> endpoints, Signal signal, String url, String user) {
        if (url == null && user == null) {
            return;
        }
        Endpoint current = endpoints.getOrDefault(signal, new Endpoint("", ""));
        endpoints.put(signal, new Endpoint(url != null ? url : current.url(), user != null ? user : current.username()));
    }

    static Optional<SecretLocation> location(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "keychain" -> Optional.of(SecretLocation.KEYCHAIN);
            case "encrypted-file" -> Optional.of(SecretLocation.ENCRYPTED_FILE);
            case "ask" -> Optional.of(SecretLocation.ASK_EACH_TIME);
            default -> Optional.empty();
        };
    }
}
