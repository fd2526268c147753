package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InsightsTest {

    private final LogParser parser = new LogParser();

    @Test
    void theSampleLogYieldsEachKnownProblemOnce() throws Exception {
        List<Insight> found = LogParserTest.sampleLines().stream().map(line -> parser.parse(line, LogSource.STDERR))
                .map(Insights::detect).flatMap(Optional::stream).toList();
        assertThat(found).extracting(Insight::kind).containsExactly(Insight.Kind.METRICS_CREDENTIALS_REJECTED,
                Insight.Kind.LOGS_CREDENTIALS_REJECTED, Insight.Kind.EXPORT_FAILING, Insight.Kind.EXPORT_RETRYING,
                Insight.Kind.RELOAD_FAILED, Insight.Kind.PORT_CLASH);
        assertThat(found.get(0).component()).isEqualTo("prometheus.remote_write.default");
        assertThat(found.get(1).component()).isEqualTo("loki.write.grafana_cloud");
        assertThat(found.get(2).detail()).contains("missing selected ALPN property");
        assertThat(found.get(4).location()).contains(new Insight.ConfigLocation("/etc/alloy/config.alloy", 12, 3, "expected }, got IDENT"));
        assertThat(found.get(5).detail()).startsWith("127.0.0.1:12345: listen tcp");
    }

    @Test
    void locationsOnWindowsAndWithoutPrefix() {
        assertThat(Insights.location("C:\\alloy\\config.alloy:3:14: unexpected token"))
                .contains(new Insight.ConfigLocation("C:\\alloy\\config.alloy", 3, 14, "unexpected token"));
        assertThat(Insights.location("no position here")).isEmpty();
    }

    @Test
    void otherErrorsAreNotInsights() {
        assertThat(Insights.detect(parser.parse("level=error msg=\"non-recoverable error\" component_id=prometheus.remote_write.x "
                + "err=\"server returned HTTP status 500 Internal Server Error\"", LogSource.STDERR))).isEmpty();
        assertThat(Insights.detect(parser.parse("level=info msg=\"config reloaded\"", LogSource.STDERR))).isEmpty();
    }
}
