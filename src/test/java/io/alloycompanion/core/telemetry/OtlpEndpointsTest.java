package io.alloycompanion.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OtlpEndpointsTest {

    @Test
    void theConfigsHttpReceiverGivesTheUrlAWildcardOrMissingHostIsReachedOnLoopback() {
        assertThat(OtlpEndpoints.fromConfig("a.alloy", "otelcol.receiver.otlp \"x\" {\n  grpc {\n    endpoint = \"127.0.0.1:5317\"\n  }\n"
                + "  http {\n    endpoint = \"127.0.0.1:5318\"\n  }\n  output {\n  }\n}\n")).contains(URI.create("http://127.0.0.1:5318"));
        assertThat(OtlpEndpoints.fromConfig("a.alloy", "otelcol.receiver.otlp \"x\" {\n  http { }\n  output {\n  }\n}\n"))
                .contains(URI.create("http://127.0.0.1:4318"));
        assertThat(OtlpEndpoints.fromConfig("a.alloy", "otelcol.receiver.otlp \"x\" {\n  http {\n    endpoint = \":6318\"\n  }\n}\n"))
                .contains(URI.create("http://127.0.0.1:6318"));
        assertThat(OtlpEndpoints.fromConfig("a.alloy", "otelcol.receiver.otlp \"x\" {\n  grpc { }\n  output {\n  }\n}\n")).isEmpty();
        assertThat(OtlpEndpoints.fromConfig("a.alloy", "prometheus.scrape \"x\" {\n  targets = []\n  forward_to = []\n}\n")).isEmpty();
    }

    @Test
    void typedUrlsLoseATrailingSlashAndAPastedSignalPath() {
        assertThat(OtlpEndpoints.parse(" http://127.0.0.1:4318/ ")).hasToString("http://127.0.0.1:4318");
        assertThat(OtlpEndpoints.parse("http://localhost:4318/v1/traces")).hasToString("http://localhost:4318");
        assertThat(OtlpEndpoints.parse("https://otlp.example.test/otlp/v1/metrics")).hasToString("https://otlp.example.test/otlp");
        assertThat(OtlpEndpoints.forSignal(URI.create("https://otlp.example.test/otlp"), TelemetrySignal.LOGS))
                .hasToString("https://otlp.example.test/otlp/v1/logs");
        assertThatThrownBy(() -> OtlpEndpoints.parse("127.0.0.1:4318")).hasMessageContaining("http://");
        assertThatThrownBy(() -> OtlpEndpoints.parse("ftp://host")).hasMessageContaining("http://");
        assertThatThrownBy(() -> OtlpEndpoints.parse("http://")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopbackIsRecognisedWithoutResolvingNames() {
        assertThat(OtlpEndpoints.isLoopback(URI.create("http://127.0.0.1:4318"))).isTrue();
        assertThat(OtlpEndpoints.isLoopback(URI.create("http://localhost:4318"))).isTrue();
        assertThat(OtlpEndpoints.isLoopback(URI.create("http://[::1]:4318"))).isTrue();
        assertThat(OtlpEndpoints.isLoopback(URI.create("http://otlp.example.test:4318"))).isFalse();
        assertThat(OtlpEndpoints.isLoopback(URI.create("http://10.1.2.3:4318"))).isFalse();
    }
}
