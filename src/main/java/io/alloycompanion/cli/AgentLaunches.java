package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.secrets.ServiceSecrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What `run` needs from the machine: which Alloy, which config, and the token for the child's environment. */
final class AgentLaunches {

    private AgentLaunches() {
    }

    /** --alloy-binary, else the settings' binary, else this app's install, else the first Alloy that runs. */
    static Optional<Path> binary(CliContext context, Path option) throws InterruptedException {
        if (option != null) {
            return Optional.of(option.toAbsolutePath());
        }
        return new AlloyDetector(context.env(), context.runner(), context.directories().data().resolve("alloy"))
                .chooseToRun(context.settings().alloyBinary().map(Path::of));
    }

    /** --config, else the settings' config file, else config.alloy in the app's data folder. */
    static Path config(CliContext context, Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        return context.settings().configFile().map(Path::of)
                .orElse(context.directories().data().resolve("config.alloy")).toAbsolutePath();
    }

    /** GCLOUD_RW_API_KEY for the child, from the named or active profile; empty (with a note) when there is none. */
    static Map<String, String> environment(CredentialManager credentials, String profile, PrintWriter err) {
        Optional<Secret> token = token(credentials, profile, err);
        if (token.isEmpty()) {
            return Map.of();
        }
        try (Secret secret = token.get()) {
            return ServiceSecrets.childProcessEnvironment(secret);
        }
    }

    /**
     * The named (else the active) profile's stored token; empty when there is no such profile or token, or the store
     * cannot be read — Alloy then starts without one, and {@code err} says why.
     */
    static Optional<Secret> token(CredentialManager credentials, String profile, PrintWriter err) {
        try {
            Optional<StackProfile> chosen = profile != null ? Optional.of(credentials.require(profile))
                    : credentials.profiles().activeProfile();
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
            Optional<Secret> token = credentials.token(chosen.get());
            if (token.isEmpty()) {
                err.println("note: profile " + chosen.get().name() + " has no stored token; Alloy starts without "
                        + ServiceSecrets.environmentVariable() + ".");
            }
            return token;
        } catch (ProfileException | SecretStoreException e) {
            err.println("note: Alloy starts without a token: " + e.getMessage());
            return Optional.empty();
        }
    }
}
