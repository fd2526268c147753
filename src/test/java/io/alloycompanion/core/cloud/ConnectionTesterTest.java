package io.alloycompanion.core.cloud;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.secrets.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each probe against a local HTTP server that answers the way FACTS §8 says Grafana Cloud does. */
class ConnectionTesterTest {

    private static final String TOKEN = FakeTokens.cloud("1", "test", "prod-us-east-0");

    private MockWebServer server;
    private Secret token;
    private final ConnectionTester tester = new ConnectionTester(new OkHttpClient(), Duration.ofSeconds(2));

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        token = Secret.of(TOKEN.toCharArray());
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
        token.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static void assertNoToken(ProbeResult result) {
        assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain("fake-key-for-tests");
    }

    @Test
    void metricsProbeSendsAnEmptySnappyWriteRequestWithBasicAuth() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        ProbeResult result = tester.probe(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1234567"), token);

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.status()).contains(204);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getBody().readByteArray()).containsExactly(0);
        assertThat(request.getHeader("Content-Encoding")).isEqualTo("snappy");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-protobuf");
        assertThat(request.getHeader("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("1234567:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a401NamesTheUsernameUsedAndTheFieldItMustComeFrom() {
        server.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"status\":\"error\",\"error\":\"authentication error: invalid token\"}"));
        ProbeResult result = tester.probe(Signal.METRICS, new Endpoint(url("/api/prom/push"), "765432"), token);

        assertThat(result.problem()).isEqualTo(Problem.UNAUTHORIZED);
        assertThat(result.message()).contains("'765432'").contains("hmInstancePromId").contains("Prometheus")
                .contains("token is wrong or revoked");
        assertThat(result.detail()).contains("invalid token");
        assertNoToken(result);
    }

    @Test
    void a403NamesTheMissingScope() {
        server.enqueue(new MockResponse().setResponseCode(403));
        ProbeResult result = tester.probe(Signal.LOGS, new Endpoint(url("/loki/api/v1/push"), "1"), token);
        assertThat(result.problem()).isEqualTo(Problem.FORBIDDEN);
        assertThat(result.message()).contains("logs:write");
    }

    @Test
    void a404ProposesTheCorrectedPath() {
        server.enqueue(new MockResponse().setResponseCode(404));
        ProbeResult metrics = tester.probe(Signal.METRICS, new Endpoint(url("/api/prom"), "1"), token);
        assertThat(metrics.problem()).isEqualTo(Problem.NOT_FOUND);
        assertThat(metrics.suggestedUrl()).contains(url("/api/prom/push"));

        server.enqueue(new MockResponse().setResponseCode(404));
        ProbeResult otlp = tester.probe(Signal.OTLP, new Endpoint(url("/"), "1"), token);
        assertThat(otlp.suggestedUrl()).contains(url("/otlp"));
        assertThat(otlp.message()).contains("Try " + url("/otlp"));
    }

    @Test
    void lokiAnswering422HasAuthenticated() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(422).setBody("no streams"));
        ProbeResult result = tester.probe(Signal.LOGS, new Endpoint(url("/loki/api/v1/push"), "1"), token);
        assertThat(result.ok()).isTrue();
        assertThat(result.note()).hasValueSatisfying(note -> assertThat(note).contains("422"));
        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("{\"streams\":[{\"stream\":{\"service_name\":\"alloy-companion\"},\"values\":[]}]}");
    }

    @Test
    void otlpPostsEmptyJsonToV1TracesUnderTheOtlpPrefix() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"message\":\"empty request\"}"));
        ProbeResult result = tester.probe(Signal.OTLP, new Endpoint(url("/otlp"), "999"), token);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.note()).hasValueSatisfying(note -> assertThat(note).contains("empty request"));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/otlp/v1/traces");
        assertThat(request.getBody().readUtf8()).isEqualTo("{}");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void rateLimitsAndServerErrorsAreToldApart() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "30"));
        ProbeResult limited = tester.probe(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"), token);
        assertThat(limited.problem()).isEqualTo(Problem.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(limited.message()).contains("30 s");

        server.enqueue(new MockResponse().setResponseCode(503));
        assertThat(tester.probe(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"), token).problem())
                .isEqualTo(Problem.SERVER_ERROR);
    }

    @Test
    void networkFailuresHaveTheirOwnProblems() throws Exception {
        assertThat(tester.probe(Signal.METRICS, new Endpoint("https://no-such-host.invalid/api/prom/push", "1"), token)
                .problem()).isEqualTo(Problem.DNS);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(tester.probe(Signal.METRICS, new Endpoint("http://127.0.0.1:" + closedPort + "/api/prom/push", "1"),
                token).problem()).isEqualTo(Problem.REFUSED);

        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        ProbeResult slow = new ConnectionTester(new OkHttpClient(), Duration.ofMillis(300))
                .probe(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"), token);
        assertThat(slow.problem()).isEqualTo(Problem.TIMEOUT);

        assertThat(tester.probe(Signal.METRICS, new Endpoint("ftp:/x", "1"), token).problem()).isEqualTo(Problem.INVALID_URL);
    }

    @Test
    void anUntrustedCertificateIsATlsProblemWithTheCaAdvice() {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(), false);
        server.enqueue(new MockResponse().setResponseCode(204));
        ProbeResult result = tester.probe(Signal.METRICS,
                new Endpoint("https://localhost:" + server.getPort() + "/api/prom/push", "1"), token);
        assertThat(result.problem()).isEqualTo(Problem.TLS);
        assertThat(result.message()).contains("CA certificate").contains("Do not disable");
    }

    @Test
    void aProxyAskingForCredentialsIsNamed() {
        server.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        ConnectionTester viaProxy = new ConnectionTester(new OkHttpClient.Builder()
                .proxy(server.toProxyAddress()).build(), Duration.ofSeconds(2));
        ProbeResult result = viaProxy.probe(Signal.METRICS, new Endpoint("http://metrics.example.test/api/prom/push", "1"), token);
        assertThat(result.problem()).isEqualTo(Problem.PROXY_AUTH);
        assertThat(result.message()).contains("HTTPS_PROXY");
    }

    private ConnectionTester grpcServer() {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(root).addSubjectAlternativeName("localhost").build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory(), false);
        server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build();
        return new ConnectionTester(new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build(), Duration.ofSeconds(5));
    }

    @Test
    void tracesProbeIsAnEmptyOtlpGrpcExportReadFromGrpcStatus() throws Exception {
        ConnectionTester grpc = grpcServer();
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("content-type", "application/grpc")
                .setHeader("grpc-status", "0"));
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("content-type", "application/grpc")
                .setHeader("grpc-status", "16").setHeader("grpc-message", "unauthenticated"));
        String address = "localhost:" + server.getPort();

        ProbeResult ok = grpc.probe(Signal.TRACES, new Endpoint(address, "111"), token);
        assertThat(ok.ok()).as(ok.message() + " " + ok.detail()).isTrue();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
        assertThat(request.getHeader("Content-Type")).startsWith("application/grpc");
        assertThat(request.getBody().readByteArray()).containsExactly(0, 0, 0, 0, 0);

        ProbeResult denied = grpc.probe(Signal.TRACES, new Endpoint(address, "111"), token);
        assertThat(denied.problem()).isEqualTo(Problem.UNAUTHORIZED);
        assertThat(denied.message()).contains("htInstanceId").contains("Tempo");
    }

    @Test
    void testAllRunsConfiguredSignalsAndSkipsTheRest() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        server.enqueue(new MockResponse().setResponseCode(204));
        StackProfile profile = StackProfile.named("dev")
                .withEndpoint(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"))
                .withEndpoint(Signal.LOGS, new Endpoint(url("/loki/api/v1/push"), "2"))
                .withEndpoint(Signal.FLEET, new Endpoint("https://fleet-management-prod-001.grafana.net", "3"));
        List<ProbeResult> seen = new ArrayList<>();
        List<ProbeResult> results = tester.testAll(profile, Optional.of(token), result -> {
            synchronized (seen) {
                seen.add(result);
            }
        }, () -> false);

        assertThat(results).extracting(ProbeResult::target).containsExactly("metrics", "logs", "traces", "otlp", "fleet");
        assertThat(results).extracting(ProbeResult::outcome).containsExactly(ProbeResult.Outcome.OK, ProbeResult.Outcome.OK,
                ProbeResult.Outcome.SKIPPED, ProbeResult.Outcome.SKIPPED, ProbeResult.Outcome.SKIPPED);
        assertThat(results.get(2).problem()).isEqualTo(Problem.NOT_CONFIGURED);
        assertThat(seen).hasSize(5);
    }

    @Test
    void withoutATokenEveryConfiguredSignalSaysSo() throws Exception {
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"));
        List<ProbeResult> results = tester.testAll(profile, Optional.empty(), result -> { }, () -> false);
        assertThat(results.get(0).problem()).isEqualTo(Problem.NO_TOKEN);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancellingStopsWaitingForSlowEndpoints() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        StackProfile profile = StackProfile.named("dev").withEndpoint(Signal.METRICS, new Endpoint(url("/api/prom/push"), "1"));
        ConnectionTester slow = new ConnectionTester(new OkHttpClient(), Duration.ofSeconds(10));
        AtomicBoolean cancel = new AtomicBoolean();
        long started = System.nanoTime();
        List<ProbeResult> results = slow.testAll(profile, Optional.of(token), result -> { }, () -> {
            if (System.nanoTime() - started > 200_000_000L) {
                cancel.set(true);
            }
            return cancel.get();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(results.get(0).outcome()).isEqualTo(ProbeResult.Outcome.SKIPPED);
        assertThat(results.get(0).detail()).isEqualTo("cancelled");
    }
}
