package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Grafana Cloud stack the user sends to (dev, prod, …): its slug and URL, each signal's endpoint and username,
 * and a reference to where the token lives. Holds no secret, so it can be written to the app's settings folder.
 *
 * @param readSecret where the optional read-only token lives (metrics:read, logs:read, traces:read): the checklist
 *                   queries Grafana Cloud with it to prove data arrived; Alloy never gets it
 * @param grafanaSecret where the optional Grafana service account token lives ({@code glsa_…}, for the stack's
 *                   Grafana HTTP API at {@code stackUrl}): the checklist looks for the starter dashboard with it and
 *                   the app imports that dashboard with it; Alloy never gets it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackProfile(String name, Optional<String> stack, Optional<String> stackUrl,
                           Map<Signal, Endpoint> endpoints, Optional<SecretRef> secret, Optional<SecretRef> readSecret,
                           Optional<SecretRef> grafanaSecret) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public StackProfile {
        stack = stack == null ? Optional.empty() : stack.map(String::strip).filter(value -> !value.isEmpty());
        stackUrl = stackUrl == null ? Optional.empty() : stackUrl.map(String::strip).filter(value -> !value.isEmpty());
        EnumMap<Signal, Endpoint> copy = new EnumMap<>(Signal.class);
        if (endpoints != null) {
            endpoints.forEach((signal, endpoint) -> {
                if (signal != null && endpoint != null && !(endpoint.url().isEmpty() && endpoint.username().isEmpty())) {
                    copy.put(signal, endpoint);
                }
            });
        }
        endpoints = Map.copyOf(copy);
        secret = secret == null ? Optional.empty() : secret;
        readSecret = readSecret == null ? Optional.empty() : readSecret;
        grafanaSecret = grafanaSecret == null ? Optional.empty() : grafanaSecret;
    }

    public static StackProfile named(String name) {
        return new StackProfile(name, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Profile names become keychain accounts and file names: letters, digits, {@code . _ -}, up to 64. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public Optional<Endpoint> endpoint(Signal signal) {
        return Optional.ofNullable(endpoints.get(signal));
    }

    public StackProfile withName(String value) {
        return new StackProfile(value, stack, stackUrl, endpoints, secret, readSecret, grafanaSecret);
    }

    public StackProfile withStack(Optional<String> slug, Optional<String> url) {
        return new StackProfile(name, slug, url, endpoints, secret, readSecret, grafanaSecret);
    }

    public StackProfile withEndpoint(Signal signal, Endpoint endpoint) {
        EnumMap<Signal, Endpoint> copy = new EnumMap<>(Signal.class);
        copy.putAll(endpoints);
        copy.put(signal, endpoint);
        return new StackProfile(name, stack, stackUrl, copy, secret, readSecret, grafanaSecret);
    }

    public StackProfile withEndpoints(Map<Signal, Endpoint> values) {
        return new StackProfile(name, stack, stackUrl, values, secret, readSecret, grafanaSecret);
    }

    public StackProfile withSecret(Optional<SecretRef> value) {
        return new StackProfile(name, stack, stackUrl, endpoints, value, readSecret, grafanaSecret);
    }

    public StackProfile withReadSecret(Optional<SecretRef> value) {
        return new StackProfile(name, stack, stackUrl, endpoints, secret, value, grafanaSecret);
    }

    public StackProfile withGrafanaSecret(Optional<SecretRef> value) {
        return new StackProfile(name, stack, stackUrl, endpoints, secret, readSecret, value);
    }
}
