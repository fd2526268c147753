package io.alloycompanion.core.secrets;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback layout that masks secrets in the whole formatted event, stack traces included, so a token that slips
 * into a message, an argument or an exception text is never written to a log file.
 */
public final class RedactingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return Redactor.global().redact(super.doLayout(event));
    }
}
