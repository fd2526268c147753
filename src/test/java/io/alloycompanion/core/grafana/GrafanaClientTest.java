package io.alloycompanion.core.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.FakeGrafana;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Grafana HTTP API client against a local server that answers like Grafana, and against things that are not. */
class GrafanaClientTest {

    private static final String TOKEN = FakeTokens.serviceAccount();

    private FakeGrafana grafana;
    private HttpServer other;

    @AfterEach
    void stop() {
        if (grafana != null) {
            grafana.close();
        }
        if (other != null) {
            other.stop(0);
        }
    }

    private static GrafanaClient client(String url, Optional<Secret> token) {
        return new GrafanaClient(GrafanaClient.parseUrl(url), token, ProxySelector.of(null));
    }

    @Test
    void readsHealthDatasourcesAndFoldersAnonymously() throws Exception {
        grafana = new FakeGrafana().withStackDatasources().withFolder("f1", "Team");
        GrafanaClient client = client(grafana.url() + "/", Optional.empty());

        assertThat(client.health()).isEqualTo(new GrafanaHealth("11.3.0", "ok"));
        assertThat(client.datasources()).containsExactly(new GrafanaDatasource("prometheus", "Prometheus", "prometheus", true),
                new GrafanaDatasource("loki", "Loki", "loki", false), new GrafanaDatasource("tempo", "Tempo", "tempo", false));
        assertThat(client.folders()).containsExactly(new GrafanaFolder("f1", "Team"));
        assertThat(grafana.requests()).allMatch(request -> request.authorization().isEmpty());
    }

    @Test
    void findsAFolderByTitleOrCreatesIt() throws Exception {
        grafana = new FakeGrafana().withFolder("f1", "Team");
        GrafanaClient client = client(grafana.url(), Optional.empty());

        assertThat(client.findOrCreateFolder("team")).isEqualTo(new GrafanaClient.FolderLookup(new GrafanaFolder("f1", "Team"), false));
        GrafanaClient.FolderLookup created = client.findOrCreateFolder("Alloy Companion");
        assertThat(created.created()).isTrue();
        assertThat(created.folder().title()).isEqualTo("Alloy Companion");
        assertThat(grafana.posted("/api/folders")).singleElement()
                .satisfies(body -> assertThat(body.toString()).isEqualTo("{\"title\":\"Alloy Companion\"}"));
        assertThat(grafana.folders()).containsEntry(created.folder().uid(), "Alloy Companion");
    }

    @Test
    void sendsTheServiceAccountTokenAsABearerToken() throws Exception {
        grafana = new FakeGrafana().withStackDatasources().requireToken(TOKEN);
        try (Secret token = Secret.of(TOKEN.toCharArray())) {
            GrafanaClient client = client(grafana.url(), Optional.of(token));

            assertThat(client.datasources()).hasSize(3);
            assertThat(grafana.requests()).allMatch(request -> request.authorization().equals(Optional.of("Bearer " + TOKEN)));
        }
    }

    @Test
    void aMissingOrWrongTokenSaysWhatToDoWithoutShowingTheToken() throws Exception {
        grafana = new FakeGrafana().withStackDatasources().requireToken(TOKEN);

        assertThatThrownBy(() -> client(grafana.url(), Optional.empty()).datasources())
                .isInstanceOfSatisfying(GrafanaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(GrafanaException.Reason.UNAUTHORIZED);
                    assertThat(e.isFatal()).isTrue();
                    assertThat(e.getMessage()).contains("needs a service account token to list the datasources (401 Unauthorized)")
                            .contains("anonymous access is off").contains("Service accounts");
                });
        String wrong = FakeTokens.serviceAccount().replace("fake", "gone");
        try (Secret token = Secret.of(wrong.toCharArray())) {
            assertThatThrownBy(() -> client(grafana.url(), Optional.of(token)).datasources())
                    .isInstanceOfSatisfying(GrafanaException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GrafanaException.Reason.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("did not accept the service account token (401 Unauthorized, “invalid API key”)")
                                .contains("expired or revoked").doesNotContain(wrong).doesNotContain("gone");
                    });
        }
    }

    @Test
    void aForbiddenDatasourceListFallsBackToTheFrontendSettings() throws Exception {
        grafana = new FakeGrafana().withStackDatasources().forbidDatasourceList();

        assertThat(client(grafana.url(), Optional.empty()).datasources()).extracting(GrafanaDatasource::uid)
                .containsExactlyInAnyOrder("prometheus", "loki", "tempo");
    }

    @Test
    void aForbiddenSaveNamesThePermission() throws Exception {
        grafana = new FakeGrafana().forbidDashboardWrites();
        try (Secret token = Secret.of(TOKEN.toCharArray())) {
            GrafanaClient client = client(grafana.url(), Optional.of(token));
            var dashboard = DashboardJson.MAPPER.createObjectNode().put("title", "T");

            assertThatThrownBy(() -> client.saveDashboard(dashboard, Optional.empty(), "m"))
                    .isInstanceOfSatisfying(GrafanaException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GrafanaException.Reason.FORBIDDEN);
                        assertThat(e.getMessage()).contains("refused to save the dashboard “T” (403 Forbidden")
                                .contains("the service account lacks the dashboards:write permission")
                                .contains("Editor role");
                    });
        }
    }

    @Test
    void aServerThatIsNotGrafanaIsToldApart() throws Exception {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            boolean html = exchange.getRequestURI().getPath().startsWith("/app/");
            exchange.sendResponseHeaders(html ? 200 : 404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        String base = "http://127.0.0.1:" + other.getAddress().getPort();

        assertThatThrownBy(() -> client(base, Optional.empty()).health()).isInstanceOfSatisfying(GrafanaException.class, e -> {
            assertThat(e.reason()).isEqualTo(GrafanaException.Reason.NOT_GRAFANA);
            assertThat(e.getMessage()).startsWith(base + "/api/health answered 404 Not Found: " + base + " is not Grafana’s address");
        });
        assertThatThrownBy(() -> client(base + "/app/x", Optional.empty()).health()).isInstanceOfSatisfying(GrafanaException.class,
                e -> assertThat(e.getMessage()).contains("answered HTTP 200 with something other than Grafana’s health report"));
    }

    @Test
    void nothingListeningIsAConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;

        assertThatThrownBy(() -> client(base, Optional.empty()).health()).isInstanceOfSatisfying(GrafanaException.class, e -> {
            assertThat(e.reason()).isEqualTo(GrafanaException.Reason.UNREACHABLE);
            assertThat(e.getMessage()).isEqualTo("Cannot connect to Grafana at " + base + ": connection refused. Is Grafana "
                    + "running at this address? Check the host and port (the local stack’s Grafana listens on "
                    + "http://localhost:3000).");
        });
    }

    @Test
    void theAddressIsNormalised() {
        assertThat(GrafanaClient.parseUrl("http://localhost:3000/")).isEqualTo(URI.create("http://localhost:3000"));
        assertThat(GrafanaClient.parseUrl("localhost:3000")).isEqualTo(URI.create("http://localhost:3000"));
        assertThat(GrafanaClient.parseUrl("https://example.com/grafana//?orgId=1#x")).isEqualTo(URI.create("https://example.com/grafana"));
        assertThatThrownBy(() -> GrafanaClient.parseUrl("ftp://example.com")).hasMessageContaining("not an http:// or https:// URL");
        assertThatThrownBy(() -> GrafanaClient.parseUrl("http://")).isInstanceOf(IllegalArgumentException.class);
    }
}
