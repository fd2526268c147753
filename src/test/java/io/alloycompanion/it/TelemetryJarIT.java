package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.testsupport.StandInProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `telemetry send` from the packaged jar against the Alloy stand-in run as its own process: the OpenTelemetry SDK
 * in the fat jar (JDK HttpClient sender) posts real OTLP/HTTP protobuf to the stand-in's receiver, whose counters on
 * /metrics prove the items arrived.
 */
class TelemetryJarIT {

    @TempDir
    Path temp;

    private static String config(int port, String extra) {
        return "otelcol.receiver.otlp \"default\" {\n  http {\n    endpoint = \"127.0.0.1:" + port + "\"\n  }\n\n"
                + "  output {\n    traces  = []\n    logs    = []\n    metrics = []\n  }\n}\n" + extra;
    }

    @Test
    void sendReportsAllThreeAcceptedAsJsonAndExitsZero() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        try (StandInProcess alloy = StandInProcess.start(temp.resolve("alloy"), config(port, ""))) {
            var result = JarProcess.run(temp.resolve("home"), "telemetry", "send", "--config", alloy.config().toString(),
                    "--listen", alloy.listen(), "--json");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stderr()).as("the SDK's own log lines go to the log file").doesNotContain("Failed to export");
            JsonNode json = new ObjectMapper().readTree(result.stdout());
            assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(json.get("otlpEndpoint").asText()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(json.get("alloyApi").asText()).isEqualTo("http://" + alloy.listen());
            assertThat(json.get("serviceName").asText()).isEqualTo("alloy-companion-smoke");
            assertThat(json.get("runId").asText()).hasSize(36);
            assertThat(json.get("allAccepted").asBoolean()).isTrue();
            assertThat(json.get("signals")).extracting(node -> node.get("signal").asText())
                    .containsExactly("traces", "logs", "metrics");
            for (JsonNode signal : json.get("signals")) {
                assertThat(signal.get("sent").asBoolean()).isTrue();
                assertThat(signal.get("exportError").isNull()).isTrue();
                assertThat(signal.get("accepted").asText()).isEqualTo("yes");
                assertThat(signal.get("acceptedDelta").asDouble()).isEqualTo(1.0);
                assertThat(signal.get("refusedDelta").asDouble()).isEqualTo(0.0);
            }
            assertThat(alloy.metrics()).contains("otelcol_receiver_accepted_metric_points{")
                    .contains("otelcol_receiver_accepted_log_records{");
        }
    }

    @Test
    void aRefusingReceiverIsExitOneWithTheReasonInText() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        try (StandInProcess alloy = StandInProcess.start(temp.resolve("alloy"), config(port, "// standin: refuse-otlp\n"))) {
            var result = JarProcess.run(temp.resolve("home"), "telemetry", "send", "--otlp", "http://127.0.0.1:" + port,
                    "--listen", alloy.listen());

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(result.stdout()).contains("✖ traces   Alloy refused it: otelcol_receiver_refused_spans 0 → 1")
                    .contains("export: http://127.0.0.1:" + port + "/v1/traces answered HTTP 503: data refused due to high memory usage")
                    .contains("0 of 3 accepted by Alloy");
        }
    }

    @Test
    void nothingListeningIsExitOneAndUsageErrorsAreExitTwo() throws Exception {
        int port = StandInProcess.freePort();
        String listen = "127.0.0.1:" + StandInProcess.freePort();
        var result = JarProcess.run(temp.resolve("home"), "telemetry", "send", "--otlp", "http://127.0.0.1:" + port,
                "--listen", listen, "--json");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertThat(json.get("allAccepted").asBoolean()).isFalse();
        assertThat(json.get("alloyProblem").asText()).startsWith("Nothing answers on http://" + listen);
        for (JsonNode signal : json.get("signals")) {
            assertThat(signal.get("sent").asBoolean()).isFalse();
            assertThat(signal.get("exportError").asText()).isEqualTo("nothing listens on 127.0.0.1:" + port
                    + ": is the agent running with an otelcol.receiver.otlp?");
            assertThat(signal.get("accepted").asText()).isEqualTo("unknown");
        }

        var badUrl = JarProcess.run(temp.resolve("home"), "telemetry", "send", "--otlp", "127.0.0.1:4318");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("error: --otlp: the OTLP/HTTP URL must start with http:// or https://");

        Path grpcOnly = Files.writeString(temp.resolve("grpc.alloy"),
                "otelcol.receiver.otlp \"default\" {\n  grpc { }\n\n  output {\n  }\n}\n");
        var noHttp = JarProcess.run(temp.resolve("home"), "telemetry", "send", "--config", grpcOnly.toString());
        assertThat(noHttp.exitCode()).isEqualTo(2);
        assertThat(noHttp.stderr()).contains("has no otelcol.receiver.otlp with an http block");
    }
}
