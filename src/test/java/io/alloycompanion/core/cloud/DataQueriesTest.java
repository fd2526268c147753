package io.alloycompanion.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.secrets.Secret;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Where each query goes, built from the endpoints a profile already holds, and how failures are told apart. */
class DataQueriesTest {

    @Test
    void theQueryApiSitsBesideEachPushUrl() {
        assertThat(DataQueries.prometheusQueryBase("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push"))
                .contains(URI.create("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom"));
        assertThat(DataQueries.prometheusQueryBase("https://prometheus-prod-13-prod-us-east-0.grafana.net:443/api/prom/push/"))
                .contains(URI.create("https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom"));
        assertThat(DataQueries.prometheusQueryBase("http://127.0.0.1:9090/api/v1/write")).contains(URI.create("http://127.0.0.1:9090"));
        assertThat(DataQueries.prometheusQueryBase("https://mimir.example.com/api/v1/push"))
                .contains(URI.create("https://mimir.example.com/prometheus"));
        assertThat(DataQueries.prometheusQueryBase("https://example.com/somewhere")).isEmpty();
        assertThat(DataQueries.prometheusQueryBase("not a url")).isEmpty();

        assertThat(DataQueries.lokiBase("https://logs-prod-006.grafana.net/loki/api/v1/push"))
                .contains(URI.create("https://logs-prod-006.grafana.net"));
        assertThat(DataQueries.lokiBase("https://logs-prod-006.grafana.net/api/prom/push")).isEmpty();

        assertThat(DataQueries.tempoBase("tempo-prod-04-prod-us-east-0.grafana.net:443"))
                .contains(URI.create("https://tempo-prod-04-prod-us-east-0.grafana.net"));
        assertThat(DataQueries.tempoBase("http://127.0.0.1:3200")).contains(URI.create("http://127.0.0.1:3200"));
    }

    @Test
    void theMetricsQueryAsksForTheSmokeCounterAndEachScrapeJobOnce() {
        String query = DataQueries.metricsQuery(List.of("prometheus.scrape.app", "prometheus.scrape.app", "we\"ird"));
        assertThat(query).startsWith("label_replace(timestamp(alloy_companion_smoke_runs_total), \"alloy_companion_metric\", "
                + "\"alloy_companion_smoke_runs_total\", \"\", \"\") or label_replace(timestamp(alloy_companion_smoke_runs)")
                .contains("timestamp(up{job=\"we\\\"ird\"})");
        assertThat(query.split("prometheus\\.scrape\\.app", -1)).hasSize(2);
    }

    @Test
    void networkFailuresAreToldApart() {
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(DataQueries.classify(unresolved)).isEqualTo(Problem.DNS);
        assertThat(DataQueries.classify(new ConnectException("Connection refused"))).isEqualTo(Problem.REFUSED);
        assertThat(DataQueries.classify(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo(Problem.TIMEOUT);
        assertThat(DataQueries.classify(new SSLHandshakeException("PKIX path building failed"))).isEqualTo(Problem.TLS);
        assertThat(DataQueries.classify(new java.io.IOException("Tunnel failed, got: 407"))).isEqualTo(Problem.PROXY_AUTH);
    }

    @Test
    void aPushUrlWithoutAKnownQueryApiIsNotAsked() throws Exception {
        try (Secret token = Secret.of("not-a-real-token".toCharArray())) {
            QueryResult result = new DataQueries(ProxySelector.of(null))
                    .metrics(new Endpoint("https://example.com/ingest", "1"), token, List.of());
            assertThat(result.problem()).isEqualTo(Problem.INVALID_URL);
            assertThat(result.status()).isEqualTo(Optional.empty());
            assertThat(result.detail()).isEqualTo("no Prometheus query API is known for this push URL");
        }
    }
}
