package io.alloycompanion.core.telemetry;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK logs through java.util.logging, whose default handler prints to the console: that would put
 * "Failed to export spans" stack traces in the middle of a command's output. Its records go to the app's log file
 * (through SLF4J) instead; the result of each export is reported to the user by {@link TestTelemetry}.
 */
final class OtelLogging {

    /** Held strongly: java.util.logging keeps loggers weakly and would forget the settings. */
    private static final Logger OTEL = Logger.getLogger("io.opentelemetry");
    private static volatile boolean installed;

    private OtelLogging() {
    }

    static synchronized void toLogFile() {
        if (installed) {
            return;
        }
        OTEL.setUseParentHandlers(false);
        OTEL.addHandler(new ToSlf4j());
        installed = true;
    }

    private static final class ToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record == null || !isLoggable(record)) {
                return;
            }
            org.slf4j.Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? "io.opentelemetry" : record.getLoggerName());
            String message = formatter.formatMessage(record);
            int level = record.getLevel().intValue();
            if (level >= Level.WARNING.intValue()) {
                log.warn(message, record.getThrown());
            } else if (level >= Level.INFO.intValue()) {
                log.info(message, record.getThrown());
            } else {
                log.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
