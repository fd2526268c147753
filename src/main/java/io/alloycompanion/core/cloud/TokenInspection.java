package io.alloycompanion.core.cloud;

import java.util.Optional;

/** The verdict on a pasted token: its kind, what it says about itself (glc_ only) and its masked form. */
public record TokenInspection(TokenKind kind, Optional<TokenInfo> info, String masked) {

    public boolean accepted() {
        return kind.accepted();
    }

    /** Why the token is refused and what to create instead, or empty when it is accepted. */
    public Optional<String> refusal() {
        return switch (kind) {
            case SERVICE_ACCOUNT -> Optional.of("This is a Grafana service account token (glsa_…). It works with "
                    + "Grafana's HTTP API only and cannot push metrics, logs or traces. Create an access policy token "
                    + "(glc_…) instead: Grafana Cloud portal → Security → Access Policies, with the scopes "
                    + "metrics:write, logs:write and traces:write (add stacks:read to discover endpoints).");
            case LEGACY_API_KEY -> Optional.of("This is a retired Grafana Cloud API key (eyJrIjoi…). Grafana Cloud no "
                    + "longer accepts these for new setups. Create an access policy token (glc_…) instead: Grafana "
                    + "Cloud portal → Security → Access Policies.");
            case EMPTY -> Optional.of("No token was given. Paste the access policy token (glc_…).");
            case ACCESS_POLICY, OTHER -> Optional.empty();
        };
    }
}
