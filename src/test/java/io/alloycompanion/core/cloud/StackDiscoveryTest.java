package io.alloycompanion.core.cloud;

import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.secrets.Secret;
import java.net.InetAddress;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against a local server following grafana.com's contract (FACTS §7). */
class StackDiscoveryTest {

    private static final String TOKEN = FakeTokens.cloud("1", "discovery", "prod-us-east-0");
    static final String INSTANCE = """
            {"id":123456,"slug":"mystack","url":"https://mystack.grafana.net","status":"active","regionSlug":"prod-us-east-0",
             "hmInstancePromId":1234567,"hmInstancePromUrl":"https://prometheus-prod-13-prod-us-east-0.grafana.net",
             "hlInstanceId":765432,"hlInstanceUrl":"https://logs-prod-006.grafana.net",
             "htInstanceId":345678,"htInstanceUrl":"https://tempo-prod-04-prod-us-east-0.grafana.net",
             "hpInstanceId":456789,"hpInstanceUrl":"https://profiles-prod-001.grafana.net",
             "agentManagementInstanceId":567890,"agentManagementInstanceUrl":"https://fleet-management-prod-008.grafana.net"}
            """;

    private MockWebServer server;
    private Secret token;

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

    private StackDiscovery discovery() {
        return new StackDiscovery(new ConnectionTester(new OkHttpClient(), Duration.ofSeconds(2)), server.url("/").toString());
    }

    @Test
    void fillsEveryEndpointFromTheInstanceAndItsConnections() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
                    return new MockResponse().setResponseCode(401);
                }
                return switch (request.getPath()) {
                    case "/api/instances/mystack" -> new MockResponse().setBody(INSTANCE);
                    case "/api/instances/123456/connections" -> new MockResponse()
                            .setBody("{\"otlpHttpUrl\":\"https://otlp-gateway-prod-us-east-0.grafana.net/otlp\"}");
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        StackDiscovery.Outcome outcome = discovery().discover(" mystack ", token);

        assertThat(outcome.found()).as(outcome.probe().message()).isTrue();
        assertThat(outcome.stackUrl()).contains("https://mystack.grafana.net");
        assertThat(outcome.endpoints()).containsEntry(Signal.METRICS,
                        new Endpoint("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push", "1234567"))
                .containsEntry(Signal.LOGS, new Endpoint("https://logs-prod-006.grafana.net/loki/api/v1/push", "765432"))
                .containsEntry(Signal.TRACES, new Endpoint("tempo-prod-04-prod-us-east-0.grafana.net:443", "345678"))
                .containsEntry(Signal.OTLP, new Endpoint("https://otlp-gateway-prod-us-east-0.grafana.net/otlp", "123456"))
                .containsEntry(Signal.FLEET, new Endpoint("https://fleet-management-prod-008.grafana.net", "567890"));
    }

    @Test
    void a403SaysTheTokenLacksStacksRead() {
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"code\":\"Forbidden\",\"message\":\"You do not "
                + "have permission to perform the requested action.\"}"));
        StackDiscovery.Outcome outcome = discovery().discover("mystack", token);
        assertThat(outcome.found()).isFalse();
        assertThat(outcome.probe().problem()).isEqualTo(Problem.FORBIDDEN);
        assertThat(outcome.probe().message()).contains("stacks:read").contains("by hand");
        assertThat(outcome.probe().detail()).contains("You do not have permission");
    }

    @Test
    void a401SaysTheTokenIsWrongAndAnUnknownStackIsNotFound() {
        server.enqueue(new MockResponse().setResponseCode(401));
        assertThat(discovery().discover("mystack", token).probe().message()).contains("rejected the token");
        server.enqueue(new MockResponse().setResponseCode(404));
        assertThat(discovery().discover("nostack", token).probe().problem()).isEqualTo(Problem.NOT_FOUND);
    }

    @Test
    void theStackUrlWorksAsWellAsItsSlugAndNonsenseIsRefusedBeforeAnythingIsSent() throws Exception {
        assertThat(StackDiscovery.slugOf("https://mystack.grafana.net/")).isEqualTo("mystack");
        assertThat(StackDiscovery.slugOf("mystack.grafana.net")).isEqualTo("mystack");
        server.enqueue(new MockResponse().setResponseCode(401));
        discovery().discover("https://mystack.grafana.net/", token);
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/instances/mystack");

        StackDiscovery.Outcome outcome = discovery().discover("my stack!", token);
        assertThat(outcome.probe().problem()).isEqualTo(Problem.INVALID_URL);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
