package io.alloycompanion.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.stack.StackFolder.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFolderTest {

    @TempDir
    Path dir;

    @Test
    void aNewFolderGetsEveryFileAndItsSettings() throws IOException {
        StackFolder folder = new StackFolder(dir);
        assertThat(folder.initialised()).isFalse();
        StackSettings settings = StackSettings.DEFAULTS.withHostPort(StackService.GRAFANA, 3300);
        StackFolder.Report report = folder.write(settings);
        assertThat(report.files()).allMatch(file -> file.outcome() == Outcome.CREATED);
        assertThat(folder.initialised()).isTrue();
        assertThat(folder.readSettings()).contains(settings);
        for (Map.Entry<String, String> file : StackFiles.generate(settings).entrySet()) {
            assertThat(dir.resolve(file.getKey())).hasContent(file.getValue());
        }
        assertThat(outcomes(folder.write(settings))).allSatisfy((path, outcome) -> assertThat(outcome).isEqualTo(Outcome.UNCHANGED));
    }

    @Test
    void aFileTheUserNeverTouchedIsReplacedAndTheDiffSaysHow() throws IOException {
        StackFolder folder = new StackFolder(dir);
        folder.write(StackSettings.DEFAULTS);
        StackFolder.Report report = folder.write(StackSettings.DEFAULTS.withRetentionDays(10));
        Map<String, Outcome> outcomes = outcomes(report);
        assertThat(outcomes).containsEntry(StackLayout.TEMPO_CONFIG, Outcome.UPDATED).containsEntry(StackLayout.LOKI_CONFIG, Outcome.UPDATED)
                .containsEntry(StackLayout.GRAFANA_DATASOURCES, Outcome.UNCHANGED);
        assertThat(diff(report, StackLayout.TEMPO_CONFIG)).contains("-    block_retention: 168h", "+    block_retention: 240h");
        assertThat(dir.resolve(StackLayout.TEMPO_CONFIG)).content().contains("block_retention: 240h");
    }

    @Test
    void theUsersEditsSurviveAChangeElsewhereInTheFile() throws IOException {
        StackFolder folder = new StackFolder(dir);
        folder.write(StackSettings.DEFAULTS);
        Path tempo = dir.resolve(StackLayout.TEMPO_CONFIG);
        Files.writeString(tempo, Files.readString(tempo).replace("max_block_duration: 5m", "max_block_duration: 10m"));

        StackFolder.Report report = folder.write(StackSettings.DEFAULTS.withRetentionDays(10));

        assertThat(outcomes(report)).containsEntry(StackLayout.TEMPO_CONFIG, Outcome.MERGED);
        assertThat(tempo).content().contains("max_block_duration: 10m").contains("block_retention: 240h");
        assertThat(dir.resolve(StackLayout.TEMPO_CONFIG + ".bak")).content().contains("max_block_duration: 10m", "block_retention: 168h");
        // Generating the same again leaves the merged file alone.
        assertThat(outcomes(folder.write(StackSettings.DEFAULTS.withRetentionDays(10)))).containsEntry(StackLayout.TEMPO_CONFIG, Outcome.KEPT_EDITS);
        assertThat(tempo).content().contains("max_block_duration: 10m");
    }

    @Test
    void aLineTheUserInsertedStaysWhereItWasWhenTheGeneratorAddsLinesAboveIt() throws Exception {
        StackFolder folder = new StackFolder(dir);
        folder.write(StackSettings.DEFAULTS);
        Path config = dir.resolve(StackLayout.ALLOY_CONFIG);
        String url = "url = \"http://loki:3100/loki/api/v1/push\"\n";
        assertThat(Files.readString(config)).contains(url);
        Files.writeString(config, Files.readString(config).replace(url, url + "\t\ttenant_id = \"dev\"\n"));

        // The MySQL exporter adds a scrape block near the top: every later line moves down.
        StackFolder.Report report = folder.write(StackSettings.DEFAULTS.withExporters(true, false));

        assertThat(outcomes(report)).containsEntry(StackLayout.ALLOY_CONFIG, Outcome.MERGED);
        var doc = io.alloycompanion.core.config.edit.ConfigDocument.parse("config.alloy", Files.readString(config));
        assertThat(doc.getSource(io.alloycompanion.core.config.edit.ComponentId.parse("loki.write.local"), "endpoint.tenant_id"))
                .contains("\"dev\"");
        assertThat(doc.component(io.alloycompanion.core.config.edit.ComponentId.parse("prometheus.scrape.mysql"))).isPresent();
    }

    @Test
    void aMergeThatWouldNotParseKeepsTheUsersFile() throws IOException {
        StackFolder folder = new StackFolder(dir);
        folder.write(StackSettings.DEFAULTS);
        Path loki = dir.resolve(StackLayout.LOKI_CONFIG);
        // An edit that is fine on its own but breaks YAML: a tab-indented key right after the header comment.
        Files.writeString(loki, Files.readString(loki).replace("auth_enabled: false\n", "auth_enabled: false\n\tbroken: [\n"));
        StackFolder.Report report = folder.write(StackSettings.DEFAULTS.withRetentionDays(10));
        assertThat(outcomes(report)).containsEntry(StackLayout.LOKI_CONFIG, Outcome.CONFLICT);
        assertThat(loki).content().contains("broken: [");
    }

    @Test
    void editsOnTheLinesTheGeneratorChangesKeepTheUsersFileAndPutTheNewOneBeside() throws IOException {
        StackFolder folder = new StackFolder(dir);
        folder.write(StackSettings.DEFAULTS);
        Path tempo = dir.resolve(StackLayout.TEMPO_CONFIG);
        Files.writeString(tempo, Files.readString(tempo).replace("block_retention: 168h", "block_retention: 48h"));

        StackFolder.Report report = folder.write(StackSettings.DEFAULTS.withRetentionDays(10));

        assertThat(report.conflicts()).extracting(StackFolder.FileChange::path).containsExactly(StackLayout.TEMPO_CONFIG);
        assertThat(tempo).content().contains("block_retention: 48h");
        assertThat(dir.resolve(StackLayout.TEMPO_CONFIG + ".generated")).content().contains("block_retention: 240h");
        assertThat(diff(report, StackLayout.TEMPO_CONFIG)).contains("-    block_retention: 48h", "+    block_retention: 240h");
    }

    @Test
    void aFileTheAppDidNotWriteIsNeverOverwritten() throws IOException {
        Files.createDirectories(dir.resolve("prometheus"));
        Files.writeString(dir.resolve(StackLayout.PROMETHEUS_CONFIG), "global:\n  scrape_interval: 5s\n");
        StackFolder.Report report = new StackFolder(dir).write(StackSettings.DEFAULTS);
        assertThat(outcomes(report)).containsEntry(StackLayout.PROMETHEUS_CONFIG, Outcome.CONFLICT);
        assertThat(dir.resolve(StackLayout.PROMETHEUS_CONFIG)).hasContent("global:\n  scrape_interval: 5s\n");
        assertThat(dir.resolve(StackLayout.PROMETHEUS_CONFIG + ".generated")).exists();
    }

    @Test
    void aPlanWritesNothing() throws IOException {
        StackFolder folder = new StackFolder(dir);
        StackFolder.Report plan = folder.plan(StackSettings.DEFAULTS);
        assertThat(plan.written()).isFalse();
        assertThat(plan.files()).allMatch(file -> file.outcome() == Outcome.CREATED && !file.diff().isEmpty());
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBrokenSettingsFileSaysWhereAndWhatToDo() throws IOException {
        Files.createDirectories(dir.resolve(StackLayout.STATE_DIR));
        Files.writeString(StackLayout.settingsFile(dir), "{\n  \"project\": \"x\",\n  oops\n}");
        assertThatThrownBy(() -> new StackFolder(dir).readSettings()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("delete the file");
        Files.writeString(StackLayout.settingsFile(dir), "{\"project\": \"Not Valid\"}");
        assertThatThrownBy(() -> new StackFolder(dir).readSettings()).isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot read").hasMessageContaining("lower-case").hasMessageNotContaining("JSON");
    }

    @Test
    void settingsMissingFromAnOlderFileGetTheirDefaults() throws IOException {
        Files.createDirectories(dir.resolve(StackLayout.STATE_DIR));
        Files.writeString(StackLayout.settingsFile(dir), "{\"project\": \"demo\", \"hostPorts\": {\"GRAFANA\": 3005}, \"future\": 1}");
        StackSettings settings = new StackFolder(dir).readSettings().orElseThrow();
        assertThat(settings.project()).isEqualTo("demo");
        assertThat(settings.hostPort(StackService.GRAFANA)).isEqualTo(3005);
        assertThat(settings.hostPort(StackService.LOKI)).isEqualTo(3100);
        assertThat(settings.image(StackService.TEMPO)).isEqualTo(StackSettings.DEFAULT_IMAGES.get(StackService.TEMPO));
        assertThat(settings.retentionDays()).isEqualTo(7);
    }

    private static Map<String, Outcome> outcomes(StackFolder.Report report) {
        return report.files().stream().collect(Collectors.toMap(StackFolder.FileChange::path, StackFolder.FileChange::outcome));
    }

    private static java.util.List<String> diff(StackFolder.Report report, String path) {
        return report.files().stream().filter(file -> file.path().equals(path)).findFirst().orElseThrow().diff();
    }
}
