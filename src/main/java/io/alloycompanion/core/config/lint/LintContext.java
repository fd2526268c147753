package io.alloycompanion.core.config.lint;

import java.util.Optional;
import java.util.function.Function;

/**
 * What lint needs to know about where the config runs: whether an HTTP(S) proxy is configured, and whether Alloy runs
 * in a container (the local stack's), where a receiver must listen on every interface of the container and the
 * published port decides who can reach it.
 */
public record LintContext(Optional<String> proxy, boolean container) {

    public static final LintContext NONE = new LintContext(Optional.empty());

    /** On this computer. */
    public LintContext(Optional<String> proxy) {
        this(proxy, false);
    }

    /** For a config that runs in a container: this machine's proxy settings are not the container's. */
    public LintContext inContainer() {
        return new LintContext(Optional.empty(), true);
    }

    /** Reads {@code HTTPS_PROXY}/{@code HTTP_PROXY} (either case) from an environment. */
    public static LintContext fromEnvironment(Function<String, Optional<String>> variable) {
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            Optional<String> value = variable.apply(name);
            if (value.isPresent()) {
                return new LintContext(value);
            }
        }
        return NONE;
    }
}
