package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LogParserTest {

    private final LogParser parser = new LogParser();

    static List<String> sampleLines() throws IOException {
        try (InputStream in = LogParserTest.class.getResourceAsStream("/alloy-samples/alloy-logfmt.example.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void everySampleLineIsLogfmtWithTimeLevelAndMessage() throws IOException {
        for (String line : sampleLines()) {
            LogRecord record = parser.parse(line, LogSource.STDERR);
            assertThat(record.parsed()).as(line).isTrue();
            assertThat(record.time()).as(line).startsWith("20");
            assertThat(record.instant()).as(line).isPresent();
            assertThat(record.level()).as(line).isNotEqualTo(LogLevel.UNKNOWN);
            assertThat(record.message()).as(line).isNotEmpty();
            assertThat(record.raw()).isEqualTo(line);
        }
    }

    @Test
    void componentsPathsAndGoQuotedValuesAreRead() throws IOException {
        List<String> lines = sampleLines();
        LogRecord remoteWrite = parser.parse(lines.stream().filter(l -> l.contains("non-recoverable")).findFirst().orElseThrow(),
                LogSource.STDERR);
        assertThat(remoteWrite.level()).isEqualTo(LogLevel.ERROR);
        assertThat(remoteWrite.message()).isEqualTo("non-recoverable error");
        assertThat(remoteWrite.component()).isEqualTo("prometheus.remote_write.default");
        assertThat(remoteWrite.path()).isEqualTo("/remotecfg/self_monitoring_metrics.default");
        assertThat(remoteWrite.fields()).containsEntry("subcomponent", "rw").containsEntry("failedSampleCount", "216")
                .containsEntry("err", "server returned HTTP status 401 Unauthorized: {\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
        assertThat(remoteWrite.fields().keySet()).startsWith("subcomponent", "remote_name", "url");

        LogRecord http = parser.parse("ts=2026-08-21T10:15:01.9047Z level=info msg=\"now listening for http traffic\" service=http addr=127.0.0.1:12345",
                LogSource.STDERR);
        assertThat(http.component()).isEqualTo("http");
        assertThat(http.fields()).containsExactly(Map.entry("service", "http"), Map.entry("addr", "127.0.0.1:12345"));

        LogRecord controller = parser.parse("ts=2026-08-21T10:15:01.9013Z level=info msg=\"starting complete graph evaluation\" "
                + "controller_path=/ controller_id=\"\" trace_id=95e7", LogSource.STDERR);
        assertThat(controller.component()).isEmpty();
        assertThat(controller.path()).isEqualTo("/");
        assertThat(controller.fields()).containsEntry("controller_id", "").containsEntry("trace_id", "95e7");
    }

    @Test
    void escapesAreUndoneAsGoWritesThem() {
        LogRecord record = parser.parse("level=warn msg=\"a\\tb\\nc \\\"q\\\" \\\\ \\u00e9 \\x41\" empty=\"\" bare", LogSource.STDOUT);
        assertThat(record.message()).isEqualTo("a\tb\nc \"q\" \\ é A");
        assertThat(record.fields()).containsEntry("empty", "").containsEntry("bare", "");
        assertThat(record.level()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void jsonLinesAreReadToo() {
        LogRecord record = parser.parse("{\"ts\":\"2026-08-21T10:15:01.9Z\",\"level\":\"error\",\"msg\":\"failed\",\"component_path\":\"/\","
                + "\"component_id\":\"loki.write.default\",\"status\":401,\"labels\":{\"a\":\"b\"},\"none\":null}", LogSource.STDERR);
        assertThat(record.parsed()).isTrue();
        assertThat(record.level()).isEqualTo(LogLevel.ERROR);
        assertThat(record.component()).isEqualTo("loki.write.default");
        assertThat(record.fields()).containsEntry("status", "401").containsEntry("labels", "{\"a\":\"b\"}").containsEntry("none", "");
    }

    @Test
    void anythingElseIsKeptAsRawText() {
        for (String line : List.of("panic: runtime error: index out of range [3] with length 3", "", "goroutine 1 [running]:",
                "{not json", "msg=\"unterminated", "=value", "Error: /etc/alloy/config.alloy:3:1: expected }")) {
            LogRecord record = parser.parse(line, LogSource.STDERR);
            assertThat(record.parsed()).as(line).isFalse();
            assertThat(record.level()).isEqualTo(LogLevel.UNKNOWN);
            assertThat(record.message()).isEqualTo(line);
        }
        assertThat(parser.parse("line\r\n", LogSource.STDOUT).message()).isEqualTo("line");
    }

    @Property(tries = 500)
    void neverThrowsAndKeepsTheLine(@ForAll String line) {
        LogRecord record = parser.parse(line, LogSource.STDERR);
        assertThat(record.raw()).isEqualTo(line);
        if (!record.parsed()) {
            assertThat(line).startsWith(record.message());
        }
    }

    @Test
    void keysComeOutRightWhateverOtherKeysWereSeenBefore() {
        // Far more distinct keys than the parser keeps shared copies of: slots are overwritten, keys stay right.
        for (int round = 0; round < 2; round++) {
            StringBuilder line = new StringBuilder("level=info msg=many");
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            for (int k = 0; k < 3000; k++) {
                String key = (k % 2 == 0 ? "k" : "key_with_a_longer_name_") + k;
                line.append(' ').append(key).append('=').append(k + round);
                expected.put(key, Integer.toString(k + round));
            }
            assertThat(parser.parse(line.toString(), LogSource.STDERR).fields()).containsExactlyEntriesOf(expected);
        }
        LogRecord again = parser.parse("ts=2026-08-21T10:15:01Z level=warn msg=again component_id=a.b k7=x", LogSource.STDERR);
        assertThat(again.fields()).containsExactlyEntriesOf(Map.of("k7", "x"));
        assertThat(again.component()).isEqualTo("a.b");
        assertThat(again.level()).isEqualTo(LogLevel.WARN);
    }
}
