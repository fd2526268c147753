package io.alloycompanion.core.config.lint;

import java.util.Optional;
import java.util.function.Function;

/** What lint needs to know about the machine the config runs on: whether an HTTP(S) proxy is configured. */
public record LintContext(Optional<String> proxy) {

    public static final LintContext NONE = new LintContext(Optional.empty());

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
