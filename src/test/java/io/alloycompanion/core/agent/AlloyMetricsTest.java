package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlloyMetricsTest {

    private static final String TEXT = "# HELP alloy_build_info A metric with a constant '1' value labeled by version.\n"
            + "# TYPE alloy_build_info gauge\n"
            + "alloy_build_info{branch=\"HEAD\",version=\"v1.18.0\"} 1\n"
            + "prometheus_remote_storage_samples_total{component_id=\"prometheus.remote_write.metrics_service\",url=\"https://x\"} 1234\n"
            + "prometheus_remote_storage_samples_total{component_id=\"prometheus.remote_write.other\"} 6\n"
            + "prometheus_remote_storage_samples_failed_total{component_id=\"prometheus.remote_write.metrics_service\"} 0\n"
            + "otelcol_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"http\"} 3\n"
            + "otelcol_exporter_sent_spans{exporter=\"otlphttp\"} 2.5e+01\n"
            + "weird{msg=\"a \\\"quoted\\\" value, with comma\"} 7\n"
            + "go_gc_duration_seconds{quantile=\"1\"} NaN\n"
            + "broken{label=\"unterminated} 1\n"
            + "up 1 1700000000000\n"
            + "\n";

    @Test
    void readsNamesLabelsAndValuesAndSkipsWhatItCannotRead() {
        AlloyMetrics metrics = AlloyMetrics.parse(TEXT);

        assertThat(metrics.samples()).extracting(AlloyMetrics.Sample::name).containsExactly("alloy_build_info",
                "prometheus_remote_storage_samples_total", "prometheus_remote_storage_samples_total",
                "prometheus_remote_storage_samples_failed_total", "otelcol_receiver_accepted_spans_total",
                "otelcol_exporter_sent_spans", "weird", "go_gc_duration_seconds", "up");
        assertThat(metrics.samples().get(0).labels()).containsExactly(Map.entry("branch", "HEAD"), Map.entry("version", "v1.18.0"));
        assertThat(metrics.find("weird", labels -> true).get(0).labels()).containsEntry("msg", "a \"quoted\" value, with comma");
        assertThat(metrics.sum("up")).contains(1.0);
    }

    @Test
    void sumsByNameAndLabelsWithOrWithoutTheTotalSuffix() {
        AlloyMetrics metrics = AlloyMetrics.parse(TEXT);

        assertThat(metrics.sum("prometheus_remote_storage_samples_total")).contains(1240.0);
        assertThat(metrics.sum("prometheus_remote_storage_samples_total",
                labels -> "prometheus.remote_write.metrics_service".equals(labels.get("component_id")))).contains(1234.0);
        assertThat(metrics.sum("otelcol_receiver_accepted_spans")).as("the _total suffix of newer builds").contains(3.0);
        assertThat(metrics.sum("otelcol_exporter_sent_spans")).contains(25.0);
        assertThat(metrics.sum("otelcol_exporter_send_failed_spans")).isEmpty();
    }
}
