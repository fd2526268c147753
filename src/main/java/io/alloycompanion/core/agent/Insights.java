package io.alloycompanion.core.agent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the log lines of FACTS.md §5 that mean something a user must act on. */
public final class Insights {

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP status (\\d{3})");
    /** {@code <file>:<line>:<col>: <message>}, the file possibly quoted or holding colons (Windows drive letters). */
    private static final Pattern LOCATION = Pattern.compile("((?:[A-Za-z]:)?[^:\"]+):(\\d+):(\\d+): (.+)$");
    private static final Pattern LISTEN = Pattern.compile("failed to listen on (\\S+)");

    private Insights() {
    }

    public static Optional<Insight> detect(LogRecord record) {
        if (record.level() != LogLevel.ERROR && record.level() != LogLevel.WARN && record.level() != LogLevel.INFO) {
            return Optional.empty();
        }
        String message = record.message();
        String component = record.component();
        if (message.startsWith("Exporting failed.")) {
            String cause = record.field("error").orElse("");
            return Optional.of(new Insight(message.contains("Will retry") ? Insight.Kind.EXPORT_RETRYING : Insight.Kind.EXPORT_FAILING,
                    component, cause, Optional.empty(), record));
        }
        if (record.level() != LogLevel.ERROR) {
            return Optional.empty();
        }
        if (message.equals("failed to reload config")) {
            String err = record.field("err").orElse("");
            return Optional.of(new Insight(Insight.Kind.RELOAD_FAILED, component, err, location(err), record));
        }
        Matcher listen = LISTEN.matcher(message);
        if (listen.find()) {
            return Optional.of(new Insight(Insight.Kind.PORT_CLASH, component, listen.group(1) + ": "
                    + record.field("err").orElse(""), Optional.empty(), record));
        }
        String err = record.field("err").or(() -> record.field("error")).orElse("");
        int status = status(record, err);
        if (status == 401 || status == 403) {
            if (component.startsWith("prometheus.remote_write.")) {
                return Optional.of(new Insight(Insight.Kind.METRICS_CREDENTIALS_REJECTED, component, err, Optional.empty(), record));
            }
            if (component.startsWith("loki.write.")) {
                return Optional.of(new Insight(Insight.Kind.LOGS_CREDENTIALS_REJECTED, component, err, Optional.empty(), record));
            }
        }
        return Optional.empty();
    }

    private static int status(LogRecord record, String err) {
        Optional<String> field = record.field("status");
        if (field.isPresent()) {
            try {
                return Integer.parseInt(field.get());
            } catch (NumberFormatException e) {
                // fall through to the text
            }
        }
        Matcher matcher = HTTP_STATUS.matcher(err);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** The last {@code file:line:col: message} in an error text (Alloy prefixes it with what it was doing). */
    public static Optional<Insight.ConfigLocation> location(String err) {
        // "reading config path \"/etc/alloy/config.alloy\": /etc/alloy/config.alloy:12:3: expected }, got IDENT"
        int from = err.lastIndexOf("\": ");
        String tail = from >= 0 ? err.substring(from + 3) : err;
        Matcher matcher = LOCATION.matcher(tail.strip());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new Insight.ConfigLocation(matcher.group(1).strip(), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), matcher.group(4)));
    }
}
