package io.alloycompanion.ui.wizard;

import io.alloycompanion.ui.common.Localization;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks behind the Sources and endpoints step's fields. Each returns what is wrong in the user's language, or
 * an empty string when the value is fine; they look only at the text, never at the network.
 */
final class SourceChecks {

    static final String DEFAULT_PATH = "/metrics";
    static final String DEFAULT_INTERVAL = "15s";

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)");
    private static final Pattern BRACKETED = Pattern.compile("^\\[([0-9A-Fa-f:.]+)]:(.*)$");
    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*$");
    private static final Pattern JOB = Pattern.compile("^[A-Za-z0-9_.-]+$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h))+$");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern DIGITS = Pattern.compile("^\\d+$");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^([A-Za-z]:[\\\\/]|\\\\\\\\).*");

    private SourceChecks() {
    }

    static String job(String value, Localization l10n) {
        String job = value.strip();
        if (job.isEmpty()) {
            return l10n.get("wizard.sources.error.jobRequired");
        }
        return JOB.matcher(job).matches() ? "" : l10n.get("wizard.sources.error.job");
    }

    /** The label the generator makes of a job name; two jobs with the same label would be one component twice. */
    static String jobLabel(String job) {
        return job.strip().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * A {@code host:port} address.
     *
     * @param listen a listen address, where an empty host (":4318") means every interface
     */
    static String address(String value, boolean listen, Localization l10n) {
        String address = value.strip();
        if (address.isEmpty()) {
            return l10n.get("wizard.sources.error.addressRequired");
        }
        Matcher scheme = SCHEME.matcher(address);
        if (scheme.find()) {
            return l10n.get("wizard.sources.error.addressScheme", scheme.group(1));
        }
        if (address.contains("/")) {
            return l10n.get("wizard.sources.error.addressPath");
        }
        String host;
        String port;
        Matcher bracketed = BRACKETED.matcher(address);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
        } else {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                return l10n.get("wizard.sources.error.portMissing", address);
            }
            host = address.substring(0, colon);
            port = address.substring(colon + 1);
            if (host.contains(":")) {
                return l10n.get("wizard.sources.error.ipv6");
            }
            if (host.isEmpty() ? !listen : !HOST.matcher(host).matches()) {
                return l10n.get("wizard.sources.error.host", host);
            }
        }
        if (!DIGITS.matcher(port).matches() || port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return l10n.get("wizard.sources.error.port");
        }
        return "";
    }

    /** Whether a listen address accepts connections from other machines (every interface). */
    static boolean exposed(String value) {
        String address = value.strip();
        return address.startsWith(":") || address.startsWith("0.0.0.0:") || address.startsWith("[::]:");
    }

    static String metricsPath(String value, Localization l10n) {
        String path = value.strip();
        if (path.isEmpty()) {
            return "";
        }
        return path.startsWith("/") && !path.matches(".*[\\s?#].*") ? "" : l10n.get("wizard.sources.error.path");
    }

    static String interval(String value, Localization l10n) {
        String interval = value.strip();
        if (interval.isEmpty()) {
            return "";
        }
        if (DIGITS.matcher(interval).matches()) {
            return l10n.get("wizard.sources.error.intervalUnit", interval);
        }
        Optional<Duration> parsed = parseInterval(interval);
        if (parsed.isEmpty()) {
            return l10n.get("wizard.sources.error.interval");
        }
        return parsed.get().isZero() ? l10n.get("wizard.sources.error.intervalZero") : "";
    }

    /** Go's duration syntax as Alloy reads it, limited to whole ms, s, m and h: {@code 15s}, {@code 1m30s}. */
    static Optional<Duration> parseInterval(String value) {
        String interval = value.strip();
        if (interval.isEmpty()) {
            interval = DEFAULT_INTERVAL;
        }
        if (!DURATION.matcher(interval).matches() || interval.length() > 20) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(interval);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        return Optional.of(total);
    }

    static String logPath(String value, Localization l10n) {
        String path = value.strip();
        if (path.startsWith("~")) {
            return l10n.get("wizard.sources.error.logHome");
        }
        boolean absolute = path.startsWith("/") || WINDOWS_ABSOLUTE.matcher(path).matches();
        return absolute ? "" : l10n.get("wizard.sources.error.logRelative");
    }

    /**
     * A Grafana Cloud endpoint: https only, with a host. Plain http is accepted for this computer only (a Prometheus,
     * Loki or Mimir of your own on localhost sees nothing leave the machine).
     */
    static String cloudUrl(String value, Localization l10n) {
        String url = value.strip();
        if (url.isEmpty()) {
            return l10n.get("wizard.sources.error.urlRequired");
        }
        if (secret(url) || url.matches("(?i)https?://[^/@]*@.*")) {
            // A token or a password in a URL would end up in the config file and the settings.
            return l10n.get("wizard.sources.error.secret");
        }
        if (url.regionMatches(true, 0, "http://", 0, 7)) {
            return hasHost(url) && loopback(url) ? "" : l10n.get("wizard.sources.error.https");
        }
        if (!url.regionMatches(true, 0, "https://", 0, 8)) {
            return l10n.get("wizard.sources.error.urlScheme");
        }
        return hasHost(url) ? "" : l10n.get("wizard.sources.error.url");
    }

    /**
     * A basic-auth username: for Grafana Cloud ({@code *.grafana.net}) the number in the stack's field {@code field};
     * a backend of your own may use any name.
     */
    static String username(String value, String url, String field, Localization l10n) {
        String username = value.strip();
        if (username.isEmpty()) {
            return l10n.get("wizard.sources.error.usernameRequired", field);
        }
        if (secret(username)) {
            return l10n.get("wizard.sources.error.secret");
        }
        return DIGITS.matcher(username).matches() || !grafanaCloud(url) ? "" : l10n.get("wizard.sources.error.username", field);
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url.strip()).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("(glc_|glsa_)[A-Za-z0-9+/_=-]{16,}|eyJrIjoi");

    /** Shaped like a Grafana token: it belongs in the Credentials form, never in a config field. */
    static boolean secret(String value) {
        return TOKEN.matcher(value).find();
    }

    static boolean loopback(String url) {
        String host = host(url);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** Grafana Cloud's hosts, or a URL not complete enough to tell (then the stricter rule applies). */
    static boolean grafanaCloud(String url) {
        String host = host(url);
        return host.isEmpty() || host.endsWith(".grafana.net");
    }

    /** The user's own web front end, checked by the checklist: optional, http or https. */
    static String frontendUrl(String value, Localization l10n) {
        String url = value.strip();
        if (url.isEmpty()) {
            return "";
        }
        boolean web = url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
        return web && hasHost(url) ? "" : l10n.get("wizard.sources.error.frontend");
    }

    private static boolean hasHost(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
