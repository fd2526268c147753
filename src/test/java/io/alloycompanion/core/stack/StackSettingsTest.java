package io.alloycompanion.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path dir;

    private static final Endpoint METRICS = new Endpoint("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push", "1234567");

    @Test
    void theCloudEndpointsFollowTheProfileUnlessItIsGoneOrHasNoneLeft() {
        StackProfile dev = StackProfile.named("dev").withEndpoint(Signal.METRICS, METRICS);
        StackSettings settings = StackSettings.DEFAULTS.withCloud(Optional.of(StackSettings.CloudForwarding.of(dev)));
        Endpoint moved = new Endpoint("https://prometheus-prod-10-prod-us-central-0.grafana.net/api/prom/push", "7654321");

        StackSettings refreshed = settings.withCloudRefreshed(name -> Optional.of(dev.withEndpoint(Signal.METRICS, moved)));
        assertThat(refreshed.cloud().orElseThrow().metrics()).contains(moved);
        assertThat(settings.withCloudRefreshed(name -> Optional.empty())).as("profile gone: kept").isEqualTo(settings);
        assertThat(settings.withCloudRefreshed(name -> Optional.of(StackProfile.named("dev")))).as("no endpoint left: kept")
                .isEqualTo(settings);
        assertThat(StackSettings.DEFAULTS.withCloudRefreshed(name -> { throw new AssertionError("not asked"); }))
                .isEqualTo(StackSettings.DEFAULTS);
    }

    @Test
    void cloudAndHostSourcesSurviveTheFolderAndAnOlderFileReadsAsLocalOnly() throws Exception {
        StackSettings settings = StackSettings.DEFAULTS
                .withCloud(Optional.of(new StackSettings.CloudForwarding("dev", Optional.of(METRICS), Optional.empty(), Optional.empty())))
                .withHostSources(new StackSettings.HostSources(List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15)),
                        List.of("/var/log/app/*.log")));
        new StackFolder(dir).write(settings);
        assertThat(new StackFolder(dir).readSettings()).contains(settings);
        assertThat(Files.readString(StackLayout.settingsFile(dir))).contains("\"profile\" : \"dev\"").doesNotContain("\"logs\"");

        // As version 1 of the app wrote it, before "cloud" and "hostSources".
        Files.writeString(StackLayout.settingsFile(dir), "{\"schemaVersion\":1,\"project\":\"old\",\"images\":{},\"hostPorts\":{},"
                + "\"otlpHttpHostPort\":4318,\"retentionDays\":7,\"mysqlExporter\":false,\"redisExporter\":true,\"healthTimeoutSeconds\":90}");
        StackSettings old = new StackFolder(dir).readSettings().orElseThrow();
        assertThat(old.cloud()).isEmpty();
        assertThat(old.hostSources()).isEqualTo(StackSettings.HostSources.NONE);
        assertThat(old.redisExporter()).isTrue();
        assertThat(Map.of("project", old.project())).containsEntry("project", "old");
    }
}
