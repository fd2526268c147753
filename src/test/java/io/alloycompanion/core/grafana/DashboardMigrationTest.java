package io.alloycompanion.core.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jaeger → Tempo migration on a copy of realistic files: a dashboard exported for sharing (inputs, requires, a
 * collapsed row, a mixed panel, a datasource variable, an annotation), a legacy one with datasources by name, a
 * Prometheus-only one, and a provisioning folder with a Jaeger datasource that others link to.
 */
class DashboardMigrationTest {

    static final Path FIXTURES = Path.of("src/test/resources/grafana/jaeger");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Path dashboards;
    private Path datasources;

    @BeforeEach
    void copyFixtures() throws IOException {
        dashboards = copy(FIXTURES.resolve("dashboards"), temp.resolve("grafana/dashboards"));
        datasources = copy(FIXTURES.resolve("provisioning/datasources"), temp.resolve("grafana/provisioning/datasources"));
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private MigrationReport migrate(Optional<Path> provisioning, boolean remove, boolean dryRun) throws IOException {
        return migrate("tempo", provisioning, remove, dryRun);
    }

    private MigrationReport migrate(String tempoUid, Optional<Path> provisioning, boolean remove, boolean dryRun) throws IOException {
        return new DashboardMigration(CLOCK).migrate(new DashboardMigration.Options(dashboards, tempoUid, provisioning, remove, dryRun));
    }

    private static String fixture(String path) throws IOException {
        return Files.readString(FIXTURES.resolve(path));
    }

    @Test
    void everyJaegerReferenceInAnExportedDashboardPointsAtTempoAndTheRestStaysByteForByte() throws IOException {
        Path untouched = dashboards.resolve("prometheus-only.json");
        FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(untouched, before);

        MigrationReport report = migrate(Optional.empty(), false, false);

        assertThat(Files.readString(dashboards.resolve("services/checkout.json"))).isEqualTo(fixture("expected/checkout.json"));
        assertThat(report.changes().stream().filter(change -> change.file().equals("services/checkout.json"))
                .map(MigrationChange::pointer)).containsExactly(
                "/__inputs/1/pluginId", "/__inputs/1/pluginName", "/__requires/1/id", "/__requires/1/name",
                "/annotations/list/1/datasource", "/panels/1/datasource", "/panels/1/targets/0/datasource",
                "/panels/2/panels/0/targets/0/datasource", "/panels/2/panels/1/datasource", "/templating/list/0/query");
        assertThat(report.changes()).contains(new MigrationChange("services/checkout.json", "/panels/1/targets/0/datasource",
                        Optional.of("{\"type\":\"jaeger\",\"uid\":\"${DS_JAEGER}\"}"), Optional.of("{\"type\":\"tempo\",\"uid\":\"tempo\"}")),
                new MigrationChange("services/checkout.json", "/panels/2/panels/1/datasource",
                        Optional.of("{\"type\":\"jaeger\",\"uid\":\"${tracing}\"}"), Optional.of("{\"type\":\"tempo\",\"uid\":\"${tracing}\"}")),
                new MigrationChange("services/checkout.json", "/templating/list/0/query", Optional.of("\"jaeger\""), Optional.of("\"tempo\"")),
                new MigrationChange("services/checkout.json", "/__inputs/1/pluginId", Optional.of("\"jaeger\""), Optional.of("\"tempo\"")));
        assertThat(report.warnings()).singleElement().asString()
                .startsWith("services/checkout.json /panels/1/targets/0: a Jaeger “search” query");

        // Without the provisioning, only the name Grafana suggests ("Jaeger") is known to be Jaeger.
        assertThat(report.changes().stream().filter(change -> change.file().equals("legacy.json")))
                .containsExactly(new MigrationChange("legacy.json", "/panels/0/datasource", Optional.of("\"Jaeger\""),
                        Optional.of("{\"type\":\"tempo\",\"uid\":\"tempo\"}")));

        assertThat(report.filesScanned()).isEqualTo(3);
        assertThat(report.changedFiles()).containsExactly("legacy.json", "services/checkout.json");
        assertThat(Files.readString(untouched)).isEqualTo(fixture("dashboards/prometheus-only.json"));
        assertThat(Files.getLastModifiedTime(untouched)).as("a file with nothing to change is not rewritten").isEqualTo(before);
        assertThat(report.problems()).isEmpty();
        assertThat(report.datasources()).isEmpty();
    }

    @Test
    void theOriginalsOfTheChangedFilesAreInATimestampedBackupBesideTheFolder() throws IOException {
        MigrationReport report = migrate(Optional.empty(), false, false);

        Path backup = temp.resolve("grafana/dashboards.backup-20250304-050607");
        assertThat(report.backup()).contains(backup);
        assertThat(files(backup)).containsOnlyKeys("legacy.json", "services/checkout.json");
        assertThat(files(backup).get("services/checkout.json")).isEqualTo(fixture("dashboards/services/checkout.json"));
        assertThat(files(backup).get("legacy.json")).isEqualTo(fixture("dashboards/legacy.json"));

        // Put the originals back and run again in the same second: the first backup is kept.
        copyFixtures();
        MigrationReport again = migrate(Optional.empty(), false, false);
        assertThat(again.backup()).contains(temp.resolve("grafana/dashboards.backup-20250304-050607-2"));
        assertThat(files(backup).get("services/checkout.json")).isEqualTo(fixture("dashboards/services/checkout.json"));
    }

    @Test
    void aDryRunReportsTheSameChangesAndWritesNothing() throws IOException {
        Map<String, String> before = files(temp);

        MigrationReport dry = migrate(Optional.of(datasources), true, true);

        assertThat(files(temp)).isEqualTo(before);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.backup()).isEmpty();
        assertThat(dry.datasourcesBackup()).isEmpty();
        assertThat(dry.changes()).isNotEmpty();
        assertThat(dry.warnings()).anyMatch(warning -> warning.contains("would not be kept"));

        MigrationReport real = migrate(Optional.of(datasources), true, false);
        assertThat(real.changes()).isEqualTo(dry.changes());
        assertThat(real.datasourceChanges()).isEqualTo(dry.datasourceChanges());
    }

    @Test
    void theProvisioningNamesTheJaegerDatasourcesAndTheyLeaveIt() throws IOException {
        MigrationReport report = migrate(Optional.of(datasources), true, false);

        // Legacy references by the provisioned name and uid are Jaeger too; "Prometheus" and null are left alone.
        assertThat(Files.readString(dashboards.resolve("legacy.json"))).isEqualTo(fixture("expected/legacy.json"));
        assertThat(report.changes().stream().filter(change -> change.file().equals("legacy.json")).map(MigrationChange::pointer))
                .containsExactly("/panels/0/datasource", "/panels/1/datasource", "/panels/2/datasource");

        YAMLMapper yaml = new YAMLMapper();
        JsonNode provisioning = yaml.readTree(datasources.resolve("datasources.yaml").toFile());
        assertThat(provisioning.fieldNames()).toIterable().containsExactly("apiVersion", "deleteDatasources", "datasources");
        assertThat(provisioning.path("datasources").findValuesAsText("name")).containsExactly("Prometheus", "trace_id", "Tempo");
        assertThat(provisioning.path("deleteDatasources")).hasSize(1);
        assertThat(provisioning.path("deleteDatasources").get(0).path("name").asText()).isEqualTo("Jaeger Prod");
        assertThat(provisioning.path("deleteDatasources").get(0).path("orgId").asInt()).isEqualTo(1);
        assertThat(provisioning.at("/datasources/0/jsonData/exemplarTraceIdDestinations/0/datasourceUid").asText()).isEqualTo("tempo");
        assertThat(provisioning.at("/datasources/1/secureJsonData/basicAuthPassword").isTextual())
                .as("a quoted number stays a string").isTrue();
        assertThat(Files.readString(datasources.resolve("datasources.yaml")))
                .startsWith("apiVersion: 1\ndeleteDatasources:\n  - name: Jaeger Prod\n    orgId: 1\ndatasources:\n  - name: Prometheus\n");

        JsonNode loki = yaml.readTree(datasources.resolve("loki.yaml").toFile());
        assertThat(loki.at("/datasources/0/jsonData/derivedFields/0/datasourceUid").asText()).isEqualTo("tempo");
        assertThat(loki.at("/datasources/0/jsonData/derivedFields/0/url").asText()).isEqualTo("$${__value.raw}");
        assertThat(loki.has("deleteDatasources")).isFalse();

        assertThat(report.changedDatasourceFiles()).containsExactly("datasources.yaml", "loki.yaml");
        assertThat(report.datasourceChanges()).extracting(MigrationChange::file, MigrationChange::pointer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("datasources.yaml", "/datasources/1"),
                org.assertj.core.groups.Tuple.tuple("datasources.yaml", "/datasources/0/jsonData/exemplarTraceIdDestinations/0/datasourceUid"),
                org.assertj.core.groups.Tuple.tuple("datasources.yaml", "/deleteDatasources/0"),
                org.assertj.core.groups.Tuple.tuple("loki.yaml", "/datasources/0/jsonData/derivedFields/0/datasourceUid"));
        MigrationChange removed = report.datasourceChanges().get(0);
        assertThat(removed.newValue()).isEmpty();
        assertThat(new ObjectMapper().readTree(removed.oldValue().orElseThrow()).path("name").asText()).isEqualTo("Jaeger Prod");
        assertThat(report.datasourceChanges().get(2).oldValue()).isEmpty();

        Path backup = temp.resolve("grafana/provisioning/datasources.backup-20250304-050607");
        assertThat(report.datasourcesBackup()).contains(backup);
        assertThat(files(backup)).containsOnlyKeys("datasources.yaml", "loki.yaml");
        assertThat(files(backup).get("datasources.yaml")).isEqualTo(fixture("provisioning/datasources/datasources.yaml"));
        assertThat(report.warnings()).anyMatch(warning -> warning.startsWith("datasources.yaml: the comments in this file were not kept"));
        assertThat(report.warnings()).noneMatch(warning -> warning.contains("No Tempo datasource"));
    }

    @Test
    void aTempoDatasourceProvisionedWithAnotherUidIsPointedOut() throws IOException {
        MigrationReport report = migrate("tempo-main", Optional.of(datasources), false, true);

        assertThat(report.warnings()).anyMatch(warning -> warning.contains("has uid “tempo” (Tempo), not “tempo-main”"));
        assertThat(report.changes()).allMatch(change -> !change.newValue().orElse("").contains("\"uid\":\"tempo\""));
        assertThat(report.datasourceChanges()).as("not asked to remove").isEmpty();
    }

    @Test
    void aSecondRunFindsNothingToChange() throws IOException {
        migrate(Optional.of(datasources), true, false);
        Map<String, String> after = files(temp);

        MigrationReport again = migrate(Optional.of(datasources), true, false);

        assertThat(again.changedAnything()).isFalse();
        assertThat(again.backup()).isEmpty();
        assertThat(files(temp)).isEqualTo(after);
        assertThat(again.warnings()).anyMatch(warning -> warning.startsWith("No Jaeger datasource is provisioned"));
    }

    @Test
    void aFileThatIsNotJsonIsReportedAndTheOthersAreStillMigrated() throws IOException {
        Files.writeString(dashboards.resolve("services/broken.json"), "{\n  \"panels\": [\n    {\"datasource\": \"Jaeger\"\n");

        MigrationReport report = migrate(Optional.empty(), false, false);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("services/broken.json");
            assertThat(problem.message()).startsWith("is not valid JSON (line ");
        });
        assertThat(report.changedFiles()).containsExactly("legacy.json", "services/checkout.json");
        assertThat(Files.readString(dashboards.resolve("services/broken.json"))).contains("\"Jaeger\"");
    }

    @Test
    void removingTheJaegerDatasourcesNeedsTheProvisioningFolder() {
        assertThatThrownBy(() -> new DashboardMigration.Options(dashboards, "tempo", Optional.empty(), true, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DashboardMigration(CLOCK).migrate(DashboardMigration.Options.of(temp.resolve("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    /** Every file below {@code root}: relative path → content. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }
}
