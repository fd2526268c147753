package io.alloycompanion.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class RedactingPatternLayoutTest {

    @Test
    void masksTokensInMessagesArgumentsAndStackTraces() {
        LoggerContext context = new LoggerContext();
        RedactingPatternLayout layout = new RedactingPatternLayout();
        layout.setContext(context);
        layout.setPattern("%level %msg%n%ex");
        layout.start();
        Logger logger = context.getLogger("test");
        String token = RedactorTest.fakeCloudToken();

        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.ERROR, "push failed with key {}",
                new IllegalStateException("401 for " + token), new Object[] {token});

        String line = layout.doLayout(event);
        assertThat(line).startsWith("ERROR push failed with key glc_****").contains("401 for glc_****")
                .doesNotContain(token);
    }
}
