package io.alloycompanion.core.cloud;

import java.util.Locale;
import java.util.Optional;

/**
 * The English sentence for a probe result (the command line prints it; the desktop app has its own translations
 * keyed by {@link Problem}). Each names what failed, why, and the next step.
 */
public final class ProbeMessages {

    private ProbeMessages() {
    }

    /** Where in the Grafana Cloud portal a signal's details (URL, username) are shown. */
    public static String portalTile(String target) {
        return switch (target) {
            case "metrics" -> "Prometheus";
            case "logs" -> "Loki";
            case "traces" -> "Tempo";
            case "otlp" -> "OpenTelemetry";
            case "fleet" -> "Fleet Management";
            default -> "the stack";
        };
    }

    static String english(String target, Problem problem, String url, String username, Optional<Integer> status,
                          String detail, Optional<String> suggestedUrl, Optional<Long> retryAfterSeconds, String host) {
        String what = label(target);
        return switch (problem) {
            case NONE -> what + ": accepted" + status.map(code -> " (HTTP " + code + ")").orElse("") + ".";
            case NOT_CONFIGURED -> what + ": not configured in this profile (no URL or no username).";
            case NO_TOKEN -> what + ": no token is stored for this profile. Add one with `credentials add --token-stdin`.";
            case INVALID_URL -> what + ": '" + url + "' is not a valid URL (" + detail + ").";
            case DNS -> what + ": the host " + host + " does not resolve. Check the URL for typos; on a VPN or company "
                    + "network, check that you are connected.";
            case REFUSED -> what + ": nothing accepted the connection at " + host + ". Check the URL and port; a "
                    + "firewall may block it.";
            case TIMEOUT -> what + ": no answer from " + host + " within " + ConnectionTester.LIMIT.toSeconds()
                    + " s. A firewall or proxy may drop the connection; if you need a proxy, set HTTPS_PROXY.";
            case TLS -> what + ": the certificate of " + host + " could not be verified (" + detail + "). If your "
                    + "company inspects HTTPS traffic, import its CA certificate into the trust store this app uses "
                    + "(keytool -importcert -cacerts -file company-ca.pem). Do not disable certificate verification.";
            case PROXY_AUTH -> what + ": the proxy asks for credentials (407). Put them in HTTPS_PROXY "
                    + "(http://user:password@proxy:port) or ask IT for a proxy that does not need them.";
            case UNAUTHORIZED -> target.equals("discovery")
                    ? "Discovery: grafana.com rejected the token (401): it is wrong, expired or revoked. Paste it again "
                            + "or create a new access policy token."
                    : what + ": rejected (401). Either the token is wrong or revoked, or '" + username + "' is the wrong "
                            + "username for " + target + ": it must be the stack's " + usernameField(target)
                            + " (Grafana Cloud portal → your stack → " + portalTile(target) + " → Details).";
            case FORBIDDEN -> target.equals("discovery")
                    ? "Discovery: the token is valid but lacks the scope stacks:read, so the endpoints cannot be read "
                            + "from grafana.com. Fill them in by hand, or add stacks:read to the access policy."
                    : what + ": forbidden (403). The token is valid but lacks the scope " + scope(target)
                            + ". Add it to the access policy (Grafana Cloud portal → Security → Access Policies) and "
                            + "create a new token.";
            case NOT_FOUND -> what + ": not found (404): the path of " + url + " is wrong."
                    + suggestedUrl.map(fix -> " Try " + fix + ".").orElse("");
            case BAD_REQUEST -> what + ": the server refused the request (400): " + detail;
            case RATE_LIMITED -> what + ": rate limited (429)"
                    + retryAfterSeconds.map(seconds -> "; try again in " + seconds + " s.").orElse("; try again later.");
            case SERVER_ERROR -> what + ": the service answered " + status.map(String::valueOf).orElse("5xx")
                    + "; the problem is on its side. Try again in a minute.";
            case UNEXPECTED -> what + ": unexpected answer" + status.map(code -> " " + code).orElse("") + ": " + detail;
        };
    }

    static String label(String target) {
        return switch (target) {
            case "otlp" -> "OTLP";
            case "fleet" -> "Fleet Management";
            default -> target.substring(0, 1).toUpperCase(Locale.ROOT) + target.substring(1);
        };
    }

    static String usernameField(String target) {
        return signal(target).map(Signal::usernameField).orElse("id");
    }

    static String scope(String target) {
        return target.equals("discovery") ? "stacks:read" : signal(target).map(Signal::scope).orElse("");
    }

    static Optional<Signal> signal(String target) {
        for (Signal signal : Signal.values()) {
            if (signal.id().equals(target)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }
}
