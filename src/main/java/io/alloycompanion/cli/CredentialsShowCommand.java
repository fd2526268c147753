package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show a profile: endpoints, usernames, where the token is kept, and the token "
        + "masked (glc_…last4) with what it says about itself (org, name, region); whether a read token and a Grafana token are set (masked).")
final class CredentialsShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", description = "The profile (default: the active one).")
    private String profile;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CredentialsShowCommand(CliContext context) {
        this.context = context;
    }

    /** A profile as JSON-ready values (no secret in it). */
    static Map<String, Object> describe(StackProfile profile) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", profile.name());
        document.put("stack", profile.stack());
        document.put("stackUrl", profile.stackUrl());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            profile.endpoint(signal).ifPresent(endpoint -> endpoints.put(signal.id(),
                    Map.of("url", endpoint.url(), "username", endpoint.username())));
        }
        document.put("endpoints", endpoints);
        document.put("tokenStore", profile.secret().map(ref -> ref.location().name().toLowerCase(java.util.Locale.ROOT)));
        document.put("readTokenStore", profile.readSecret().map(ref -> ref.location().name().toLowerCase(java.util.Locale.ROOT)));
        document.put("grafanaTokenStore", profile.grafanaSecret().map(ref -> ref.location().name().toLowerCase(java.util.Locale.ROOT)));
        return document;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CredentialManager credentials = passphrase.credentials(context);
        StackProfile chosen;
        try {
            chosen = CredentialsTestCommand.choose(credentials, Optional.ofNullable(profile));
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<TokenInspection> token = Optional.empty();
        Optional<String> tokenProblem = Optional.empty();
        try {
            Optional<Secret> secret = credentials.token(chosen);
            if (secret.isPresent()) {
                try (Secret value = secret.get()) {
                    token = Optional.of(TokenInspector.inspect(value));
                }
            }
        } catch (SecretStoreException e) {
            tokenProblem = Optional.of(e.getMessage());
        }
        Optional<String> readToken = Optional.empty();
        Optional<String> readTokenProblem = Optional.empty();
        try {
            Optional<Secret> secret = credentials.readToken(chosen);
            if (secret.isPresent()) {
                try (Secret value = secret.get()) {
                    readToken = Optional.of(value.masked());
                }
            } else if (chosen.readSecret().isPresent()) {
                readTokenProblem = Optional.of("set, but no longer in its store: set it again with credentials read-token");
            }
        } catch (SecretStoreException e) {
            readTokenProblem = Optional.of(e.getMessage());
        }
        Optional<String> grafanaToken = Optional.empty();
        Optional<String> grafanaTokenProblem = Optional.empty();
        try {
            Optional<Secret> secret = credentials.grafanaToken(chosen);
            if (secret.isPresent()) {
                try (Secret value = secret.get()) {
                    grafanaToken = Optional.of(value.masked());
                }
            } else if (chosen.grafanaSecret().isPresent()) {
                grafanaTokenProblem = Optional.of("set, but no longer in its store: set it again with credentials grafana-token");
            }
        } catch (SecretStoreException e) {
            grafanaTokenProblem = Optional.of(e.getMessage());
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.putAll(describe(chosen));
            document.put("token", token.map(inspection -> {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("masked", inspection.masked());
                t.put("kind", inspection.kind().name().toLowerCase(java.util.Locale.ROOT));
                inspection.info().ifPresent(info -> {
                    t.put("org", info.org());
                    t.put("name", info.name());
                    t.put("region", info.region());
                });
                return t;
            }));
            document.put("tokenProblem", tokenProblem);
            document.put("readToken", readToken.map(masked -> Map.of("masked", masked)));
            document.put("readTokenProblem", readTokenProblem);
            document.put("grafanaToken", grafanaToken.map(masked -> Map.of("masked", masked)));
            document.put("grafanaTokenProblem", grafanaTokenProblem);
            out.println(Json.write(document));
            return ExitCodes.OK;
        }
        out.println("Profile " + chosen.name() + chosen.stack().map(slug -> " (stack " + slug + ")").orElse(""));
        chosen.stackUrl().ifPresent(url -> out.println("  stack URL  " + url));
        for (Signal signal : Signal.values()) {
            Optional<Endpoint> endpoint = chosen.endpoint(signal);
            out.printf("  %-8s %s%n", signal.id(), endpoint.map(e -> e.url() + "  user " + e.username()).orElse("-"));
        }
        out.println("  token    " + token.map(inspection -> inspection.masked() + inspection.info().map(info ->
                        "  (org " + info.org().orElse("?") + ", name " + info.name().orElse("?") + ", region "
                                + info.region().orElse("?") + ")").orElse(""))
                .orElse(tokenProblem.orElse("none stored")) + chosen.secret().map(ref -> "  [" + ref.location().name()
                .toLowerCase(java.util.Locale.ROOT) + "]").orElse(""));
        out.println("  read     " + readToken.orElse(readTokenProblem.orElse("none (to check that data arrives: "
                + "alloy-companion credentials read-token --profile " + chosen.name() + ")"))
                + chosen.readSecret().map(ref -> "  [" + ref.location().name().toLowerCase(java.util.Locale.ROOT) + "]").orElse(""));
        out.println("  grafana  " + grafanaToken.orElse(grafanaTokenProblem.orElse("none (to check for the starter "
                + "dashboard: alloy-companion credentials grafana-token --profile " + chosen.name() + ")"))
                + chosen.grafanaSecret().map(ref -> "  [" + ref.location().name().toLowerCase(java.util.Locale.ROOT) + "]").orElse(""));
        return ExitCodes.OK;
    }
}
