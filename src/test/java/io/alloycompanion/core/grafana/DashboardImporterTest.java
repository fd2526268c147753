package io.alloycompanion.core.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.FakeGrafana;
import io.alloycompanion.testsupport.FakeTokens;
import java.io.IOException;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing dashboard files into a local server that answers like Grafana's HTTP API. */
class DashboardImporterTest {

    private static final Path STARTER = Path.of("resources/stack/dashboards/starter.json");
    private static final Path CHECKOUT = DashboardMigrationTest.FIXTURES.resolve("dashboards/services/checkout.json");
    private static final Path CHECKOUT_MIGRATED = DashboardMigrationTest.FIXTURES.resolve("expected/checkout.json");

    @TempDir
    Path temp;

    private FakeGrafana grafana;

    @AfterEach
    void stop() {
        if (grafana != null) {
            grafana.close();
        }
    }

    private DashboardImporter importer(Optional<Secret> token) {
        return new DashboardImporter(new GrafanaClient(GrafanaClient.parseUrl(grafana.url()), token, ProxySelector.of(null)));
    }

    private ImportReport importFiles(DashboardImporter.Options options, Path... files) throws Exception {
        return importer(Optional.empty()).importFiles(List.of(files), options);
    }

    @Test
    void theStarterDashboardGoesIntoANewFolderAndAgainIntoTheSameOne() throws Exception {
        grafana = new FakeGrafana().withStackDatasources();
        DashboardImporter.Options options = new DashboardImporter.Options(Optional.of("Alloy Companion"), Map.of());

        ImportReport first = importFiles(options, STARTER);

        assertThat(first.grafanaVersion()).isEqualTo("11.3.0");
        assertThat(first.folderCreated()).isTrue();
        String folderUid = first.folder().orElseThrow().uid();
        assertThat(first.dashboards()).singleElement().isInstanceOfSatisfying(DashboardImport.Imported.class, imported -> {
            assertThat(imported.title()).isEqualTo("Alloy Companion — RED metrics and logs");
            assertThat(imported.uid()).isEqualTo("alloy-companion-starter");
            assertThat(imported.url()).isEqualTo(grafana.url() + "/d/alloy-companion-starter/alloy-companion-red-metrics-and-logs");
            assertThat(imported.status()).isEqualTo("success");
            assertThat(imported.version()).isEqualTo(1);
            assertThat(imported.notes()).isEmpty();
        });
        JsonNode posted = grafana.posted("/api/dashboards/db").get(0);
        assertThat(posted.fieldNames()).toIterable().containsExactly("dashboard", "overwrite", "folderUid", "message");
        assertThat(posted.path("overwrite").asBoolean()).isTrue();
        assertThat(posted.path("folderUid").asText()).isEqualTo(folderUid);
        assertThat(posted.path("message").asText()).isEqualTo("Imported by Alloy Companion");
        assertThat(posted.at("/dashboard/id").isNull()).isTrue();
        assertThat(posted.at("/dashboard/panels")).hasSize(5);

        ImportReport second = importFiles(options, STARTER);
        assertThat(second.folderCreated()).isFalse();
        assertThat(second.folder().orElseThrow().uid()).isEqualTo(folderUid);
        assertThat(((DashboardImport.Imported) second.dashboards().get(0)).version()).isEqualTo(2);
        assertThat(grafana.posted("/api/folders")).hasSize(1);

        ImportReport general = importFiles(new DashboardImporter.Options(Optional.of("General"), Map.of()), STARTER);
        assertThat(general.folder()).isEmpty();
        assertThat(grafana.posted("/api/dashboards/db").get(2).has("folderUid")).isFalse();
        assertThat(grafana.posted("/api/folders")).hasSize(1);
    }

    @Test
    void inputsAreMappedToDatasourcesOfTheirTypeAndTheExportFieldsDropped() throws Exception {
        grafana = new FakeGrafana().withDatasource("mimir", "Mimir", "prometheus", false)
                .withDatasource("prom", "Prometheus", "prometheus", true).withDatasource("tempo-1", "Tempo", "tempo", false);

        ImportReport report = importFiles(DashboardImporter.Options.defaults(), CHECKOUT_MIGRATED);

        DashboardImport.Imported imported = (DashboardImport.Imported) report.dashboards().get(0);
        assertThat(imported.inputs()).as("the default of the type; DS_JAEGER is no longer used").containsExactly(Map.entry("DS_PROMETHEUS", "prom"));
        assertThat(report.folder()).isEmpty();
        JsonNode dashboard = grafana.posted("/api/dashboards/db").get(0).path("dashboard");
        assertThat(dashboard.has("__inputs")).isFalse();
        assertThat(dashboard.has("__requires")).isFalse();
        assertThat(dashboard.toString()).doesNotContain("${DS_");
        assertThat(dashboard.at("/panels/0/datasource").toString()).isEqualTo("{\"type\":\"prometheus\",\"uid\":\"prom\"}");
        assertThat(dashboard.at("/panels/2/panels/0/targets/1/datasource/uid").asText()).isEqualTo("prom");
        // The migrated references to uid "tempo" are not in this Grafana: pointed at its Tempo datasource, and said so.
        assertThat(dashboard.at("/panels/1/datasource/uid").asText()).isEqualTo("tempo-1");
        assertThat(dashboard.at("/panels/2/panels/1/datasource/uid").asText()).as("a variable stays").isEqualTo("${tracing}");
        assertThat(imported.notes()).containsExactly("The tempo datasource uid “tempo” is not in this Grafana: those panels use "
                + "“Tempo” (uid tempo-1).");

        ImportReport named = importFiles(new DashboardImporter.Options(Optional.empty(), Map.of("Prometheus", "mimir")), CHECKOUT_MIGRATED);
        assertThat(((DashboardImport.Imported) named.dashboards().get(0)).inputs()).containsEntry("DS_PROMETHEUS", "mimir");
        assertThat(grafana.posted("/api/dashboards/db").get(1).at("/dashboard/panels/0/datasource/uid").asText()).isEqualTo("mimir");
    }

    @Test
    void aDatasourceTypeGrafanaLacksFailsThatDashboardAndTheOthersStillGoIn() throws Exception {
        grafana = new FakeGrafana().withStackDatasources();

        ImportReport report = importFiles(DashboardImporter.Options.defaults(), CHECKOUT, STARTER);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.dashboards().get(0)).isInstanceOfSatisfying(DashboardImport.Failed.class, failed -> {
            assertThat(failed.title()).contains("Checkout");
            assertThat(failed.reason()).isEqualTo(GrafanaException.Reason.MISSING_DATASOURCE);
            assertThat(failed.error()).isEqualTo("The dashboard “Checkout” needs a jaeger datasource (its input DS_JAEGER, "
                    + "“Jaeger”), and Grafana at " + grafana.url() + " has none. Add a jaeger datasource in Grafana "
                    + "(Connections → Data sources), then import again.");
        });
        assertThat(grafana.posted("/api/dashboards/db")).hasSize(1);
    }

    @Test
    void aTitleTakenInTheFolderIsExplained() throws Exception {
        grafana = new FakeGrafana().withStackDatasources().withTitleTaken("Alloy Companion — RED metrics and logs");

        ImportReport report = importFiles(DashboardImporter.Options.defaults(), STARTER);

        assertThat(report.dashboards().get(0)).isInstanceOfSatisfying(DashboardImport.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(GrafanaException.Reason.PRECONDITION_FAILED);
            assertThat(failed.error()).startsWith("Grafana refused to save the dashboard “Alloy Companion — RED metrics and "
                    + "logs” (412 name-exists): another dashboard in the same folder already has this title");
        });
    }

    @Test
    void aNamedDatasourceThatIsNotThereStopsTheImport() throws Exception {
        grafana = new FakeGrafana().withStackDatasources();

        assertThatThrownBy(() -> importFiles(new DashboardImporter.Options(Optional.empty(), Map.of("prometheus", "Mimir")), STARTER))
                .isInstanceOfSatisfying(GrafanaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(GrafanaException.Reason.MISSING_DATASOURCE);
                    assertThat(e.getMessage()).isEqualTo("Grafana at " + grafana.url() + " has no datasource named “Mimir” "
                            + "(asked for as the prometheus datasource). Its prometheus datasources: “Prometheus”.");
                });
        assertThatThrownBy(() -> importFiles(new DashboardImporter.Options(Optional.empty(), Map.of("prometheus", "Loki")), STARTER))
                .hasMessageContaining("“Loki” in Grafana at " + grafana.url() + " is a loki datasource, not prometheus");
        assertThat(grafana.posted("/api/dashboards/db")).isEmpty();
    }

    @Test
    void withTheRightTokenEverythingGoesInAndWithAWrongOneNothingDoes() throws Exception {
        String token = FakeTokens.serviceAccount();
        grafana = new FakeGrafana().withStackDatasources().requireToken(token);

        try (Secret right = Secret.of(token.toCharArray())) {
            ImportReport report = importer(Optional.of(right)).importFiles(List.of(STARTER), DashboardImporter.Options.defaults());
            assertThat(report.imported()).isEqualTo(1);
        }
        String wrong = token.replace("fake", "nope");
        try (Secret secret = Secret.of(wrong.toCharArray())) {
            assertThatThrownBy(() -> importer(Optional.of(secret)).importFiles(List.of(STARTER), DashboardImporter.Options.defaults()))
                    .isInstanceOfSatisfying(GrafanaException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GrafanaException.Reason.UNAUTHORIZED);
                        assertThat(e.getMessage()).doesNotContain(wrong);
                    });
        }
        assertThat(grafana.posted("/api/dashboards/db")).hasSize(1);
    }

    @Test
    void foldersAreSearchedForJsonFilesAndNonDashboardsAreRefused() throws Exception {
        grafana = new FakeGrafana().withStackDatasources();
        Path dir = Files.createDirectories(temp.resolve("boards/nested"));
        Files.copy(STARTER, dir.resolve("starter.json"));
        Files.writeString(temp.resolve("boards/panel.json"), "{\"type\": \"timeseries\", \"targets\": []}");
        Files.writeString(temp.resolve("boards/readme.txt"), "not a dashboard");

        List<Path> files = DashboardImporter.dashboardFiles(List.of(temp.resolve("boards")));
        assertThat(files).containsExactly(temp.resolve("boards/nested/starter.json"), temp.resolve("boards/panel.json"));
        ImportReport report = importFiles(DashboardImporter.Options.defaults(), files.toArray(Path[]::new));

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.dashboards().get(1)).isInstanceOfSatisfying(DashboardImport.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(GrafanaException.Reason.INVALID_DASHBOARD);
            assertThat(failed.error()).contains("panel.json is not a Grafana dashboard (it has no title)");
        });
        assertThatThrownBy(() -> DashboardImporter.dashboardFiles(List.of(temp.resolve("missing.json"))))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aDashboardAsTheApiReturnsItIsUnwrapped() throws Exception {
        grafana = new FakeGrafana().withStackDatasources();
        Path wrapped = temp.resolve("wrapped.json");
        Files.writeString(wrapped, "{\"meta\": {\"slug\": \"x\"}, \"dashboard\": {\"id\": 7, \"uid\": \"w\", \"title\": \"Wrapped\", \"panels\": []}}");

        importFiles(DashboardImporter.Options.defaults(), wrapped);

        assertThat(grafana.posted("/api/dashboards/db").get(0).path("dashboard").toString())
                .isEqualTo("{\"id\":null,\"uid\":\"w\",\"title\":\"Wrapped\",\"panels\":[]}");
    }

    @Test
    void aGrafanaThatCannotBeReachedStopsTheImport() throws IOException {
        grafana = new FakeGrafana();
        String url = grafana.url();
        grafana.close();
        grafana = null;
        DashboardImporter importer = new DashboardImporter(new GrafanaClient(GrafanaClient.parseUrl(url), Optional.empty(), ProxySelector.of(null)));

        assertThatThrownBy(() -> importer.importFiles(List.of(STARTER), DashboardImporter.Options.defaults()))
                .isInstanceOfSatisfying(GrafanaException.class, e -> assertThat(e.reason()).isEqualTo(GrafanaException.Reason.UNREACHABLE));
    }
}
