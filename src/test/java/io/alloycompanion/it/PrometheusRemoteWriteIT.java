package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.testsupport.TestServices;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Debian's Prometheus with the remote-write receiver behind basic auth answers the metrics probe from FACTS.md §8
 * (body 0x00, snappy headers): 204 with the right credentials, 401 with wrong ones.
 */
class PrometheusRemoteWriteIT {

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    private int probe(String url, String user, String password) throws Exception {
        Request request = new Request.Builder()
                .url(url + "/api/v1/write")
                .header("Authorization", Credentials.basic(user, password))
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .post(RequestBody.create(new byte[] {0x00}, MediaType.get("application/x-protobuf")))
                .build();
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        }
    }

    @Test
    void theRemoteWriteProbeIsAcceptedWithTheRightCredentialsOnly() throws Exception {
        String url = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_URL", "Prometheus");
        String user = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_USER", "Prometheus");
        String password = TestServices.require("ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD", "Prometheus");

        assertThat(probe(url, user, password)).isEqualTo(204);
        assertThat(probe(url, user, password + "-wrong")).isEqualTo(401);
        assertThat(probe(url, "someone-else", password)).isEqualTo(401);
    }
}
