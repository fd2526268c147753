package io.alloycompanion.cli;

import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Alloy's log lines made readable: local time, level, component, message, then the other fields; colour on a TTY. */
final class LogPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";

    private final PrintWriter out;
    private final boolean colour;

    LogPrinter(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** Colour when there is a terminal, NO_COLOR is unset and TERM is not dumb. */
    static boolean colourWanted(Map<String, String> env) {
        return System.console() != null && env.get("NO_COLOR") == null && !"dumb".equals(env.get("TERM"));
    }

    synchronized void print(LogRecord record) {
        out.println(format(record));
        out.flush();
    }

    String format(LogRecord record) {
        if (!record.parsed()) {
            return record.raw();
        }
        StringBuilder line = new StringBuilder();
        String time = record.instant().map(TIME::format).orElse("            ");
        line.append(dim(time)).append(' ').append(level(record.level())).append(' ');
        if (!record.component().isEmpty()) {
            line.append(colour ? "\u001b[36m" + record.component() + RESET : record.component()).append(": ");
        }
        line.append(record.message());
        record.fields().forEach((key, value) -> {
            if (!key.equals("service") || !value.equals(record.component())) {
                line.append(' ').append(dim(key + "=")).append(value.contains(" ") || value.isEmpty() ? "\"" + value + "\"" : value);
            }
        });
        return line.toString();
    }

    private String dim(String text) {
        return colour ? DIM + text + RESET : text;
    }

    private String level(LogLevel level) {
        String text = switch (level) {
            case DEBUG -> "DEBUG";
            case INFO -> "INFO ";
            case WARN -> "WARN ";
            case ERROR -> "ERROR";
            default -> "     ";
        };
        if (!colour) {
            return text;
        }
        String code = switch (level) {
            case ERROR -> "\u001b[1;31m";
            case WARN -> "\u001b[33m";
            case INFO -> "\u001b[32m";
            default -> DIM;
        };
        return code + text + RESET;
    }
}
