package io.alloycompanion.core.stack;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.util.Optional;

/**
 * Where {@code up} gets the values of a container's secret variables ({@link ContainerSpec#secretEnv()}): read when
 * the container is made, handed to the engine, never written to the stack folder.
 */
@FunctionalInterface
public interface StackSecrets {

    /** No store: a stack that needs a secret cannot be brought up. */
    StackSecrets NONE = (settings, variable) -> {
        throw new StackException(StackException.Kind.SECRET_MISSING, Optional.of(StackService.ALLOY), "The stack's Alloy "
                + "needs " + variable + " (the Grafana Cloud token), and no credential store was given to read it from.",
                java.util.List.of(), null).detail("variable", variable);
    };

    /** The value of {@code variable} for the stack with these settings. */
    String value(StackSettings settings, String variable) throws StackException;

    /** The Grafana Cloud token of the profile the stack forwards to, from the profile's store (keychain or file). */
    static StackSecrets fromCredentials(CredentialManager credentials) {
        return (settings, variable) -> {
            if (!StackSettings.TOKEN_VARIABLE.equals(variable) || settings.cloud().isEmpty()) {
                return NONE.value(settings, variable);
            }
            String name = settings.cloud().get().profile();
            try {
                StackProfile profile = credentials.require(name);
                Optional<Secret> token = credentials.token(profile);
                if (token.isEmpty()) {
                    throw missing(name, "it has no stored token (a token asked for each time cannot be handed to a container)");
                }
                try (Secret secret = token.get()) {
                    return secret.reveal(String::new);
                }
            } catch (ProfileException e) {
                throw missing(name, e.getMessage());
            } catch (SecretStoreException e) {
                throw missing(name, "its token cannot be read: " + e.getMessage());
            }
        };
    }

    private static StackException missing(String profile, String why) {
        return new StackException(StackException.Kind.SECRET_MISSING, Optional.of(StackService.ALLOY), "The stack's Alloy "
                + "also sends to Grafana Cloud with the profile " + profile + ", but " + why + ". Store the token on the "
                + "Credentials screen or with `alloy-companion credentials add`, or turn Grafana Cloud off for the stack "
                + "(`alloy-companion stack init --dir <folder> --no-cloud`).", java.util.List.of(), null).detail("profile", profile);
    }
}
