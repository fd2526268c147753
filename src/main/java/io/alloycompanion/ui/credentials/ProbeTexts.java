package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.ProbeMessages;
import io.alloycompanion.core.cloud.ProbeResult;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.ui.common.Localization;
import java.util.Arrays;

/** A connection test's verdict in the user's language (the core's English sentence is for the command line). */
final class ProbeTexts {

    private ProbeTexts() {
    }

    static String describe(ProbeResult result, Localization l10n) {
        String field = Arrays.stream(Signal.values()).filter(signal -> signal.id().equals(result.target()))
                .map(Signal::usernameField).findFirst().orElse("id");
        String scope = Arrays.stream(Signal.values()).filter(signal -> signal.id().equals(result.target()))
                .map(Signal::scope).findFirst().orElse("stacks:read");
        String tile = ProbeMessages.portalTile(result.target());
        String status = result.status().map(String::valueOf).orElse("");
        String text = switch (result.problem()) {
            case NONE -> result.outcome() == ProbeResult.Outcome.SKIPPED
                    ? l10n.get("credentials.problem.skipped", result.detail())
                    : l10n.get("credentials.problem.none", status, result.elapsed().toMillis());
            case NOT_CONFIGURED -> l10n.get("credentials.problem.notConfigured");
            case NO_TOKEN -> l10n.get("credentials.problem.noToken");
            case INVALID_URL -> l10n.get("credentials.problem.invalidUrl", result.url());
            case DNS -> l10n.get("credentials.problem.dns", host(result));
            case REFUSED -> l10n.get("credentials.problem.refused", host(result));
            case TIMEOUT -> l10n.get("credentials.problem.timeout", host(result));
            case TLS -> l10n.get("credentials.problem.tls", host(result), result.detail());
            case PROXY_AUTH -> l10n.get("credentials.problem.proxyAuth");
            case UNAUTHORIZED -> result.target().equals("discovery")
                    ? l10n.get("credentials.problem.discoveryUnauthorized")
                    : l10n.get("credentials.problem.unauthorized", result.username(), field, tile);
            case FORBIDDEN -> result.target().equals("discovery")
                    ? l10n.get("credentials.problem.discoveryForbidden")
                    : l10n.get("credentials.problem.forbidden", scope);
            case NOT_FOUND -> result.suggestedUrl().map(url -> l10n.get("credentials.problem.notFoundTry", url))
                    .orElseGet(() -> l10n.get("credentials.problem.notFound"));
            case BAD_REQUEST -> l10n.get("credentials.problem.badRequest", result.detail());
            case RATE_LIMITED -> l10n.get("credentials.problem.rateLimited",
                    result.retryAfter().map(duration -> duration.toSeconds()).orElse(60L));
            case SERVER_ERROR -> l10n.get("credentials.problem.serverError", status);
            case UNEXPECTED -> l10n.get("credentials.problem.unexpected", status, result.detail());
        };
        return result.note().map(note -> text + " — " + note).orElse(text);
    }

    private static String host(ProbeResult result) {
        String url = result.url();
        int scheme = url.indexOf("://");
        String rest = scheme >= 0 ? url.substring(scheme + 3) : url;
        int slash = rest.indexOf('/');
        return slash >= 0 ? rest.substring(0, slash) : rest;
    }
}
