package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackLayout;
import io.alloycompanion.core.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReviewStepTest {

    @TempDir
    Path temp;

    private FakeStackFixture fixture;
    private StackSourcesStep sources;
    private StackReviewStep review;
    private WizardViewModel wizard;
    private Path dir;

    private void open(Path folder, Locale locale) {
        dir = folder.toAbsolutePath().normalize();
        fixture = new FakeStackFixture(folder, locale);
        sources = new StackSourcesStep(fixture.stack, fixture.l10n);
        review = new StackReviewStep(sources, fixture.executor, fixture.l10n);
        WizardViewModelTest.TestStep after = new WizardViewModelTest.TestStep("start", new ArrayList<>(), fixture.executor);
        wizard = new WizardViewModel(List.of(sources, review, after), state -> { });
        wizard.start(WizardState.NOT_STARTED);
    }

    @AfterEach
    void nothingUnexpected() {
        if (fixture != null) {
            assertThat(fixture.executor.unexpected()).isEmpty();
        }
    }

    private void toReview() {
        wizard.next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(review.valid().get()).as("not before the comparison finished").isFalse();
        fixture.settle();
        assertThat(review.readyProperty().get()).isTrue();
    }

    private void next() {
        wizard.next();
        fixture.settle();
    }

    private Map<String, StackFolder.Outcome> outcomes() {
        return review.files().stream().collect(Collectors.toMap(StackReviewStep.FileRow::path, StackReviewStep.FileRow::outcome));
    }

    @Test
    void aNewFolderShowsEveryFileCreatedAndNextWritesItForTheStackScreen() throws Exception {
        open(temp.resolve("stack"), Locale.ENGLISH);
        sources.otlpPortProperty().set("14318");
        toReview();
        assertThat(review.files()).hasSize(8).allMatch(row -> row.outcome() == StackFolder.Outcome.CREATED);
        assertThat(review.files().get(0).path()).isEqualTo(StackLayout.ALLOY_CONFIG);
        assertThat(review.files().get(0).text()).isEqualTo("create       alloy/config.alloy");
        assertThat(review.files().get(0).diff()).contains("+otelcol.receiver.otlp \"default\" {");
        StackReviewStep.FileRow compose = review.files().stream().filter(row -> row.path().equals(StackLayout.COMPOSE)).findFirst().orElseThrow();
        assertThat(compose.diff()).contains("+      - 127.0.0.1:14318:4318");
        assertThat(review.statusProperty().get()).isEqualTo("Next creates the stack in " + dir + ".");
        assertThat(review.statusIsErrorProperty().get()).isFalse();
        assertThat(Files.exists(dir)).as("nothing written by looking").isFalse();
        assertThat(fixture.stack.initialisedProperty().get()).isFalse();

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(new StackFolder(dir).readSettings()).contains(StackSettings.DEFAULTS.withOtlpHttpHostPort(14318));
        assertThat(dir.resolve(StackLayout.COMPOSE)).exists();
        // The Stack screen (and the checklist after it) read the folder's new settings.
        assertThat(fixture.stack.initialisedProperty().get()).isTrue();
        assertThat(fixture.stack.settingsProperty().get().otlpHttpHostPort()).isEqualTo(14318);
        assertThat(review.statusProperty().get()).isEqualTo("Wrote the stack folder " + dir + ".");

        // Back and Next again: the folder already holds these settings.
        wizard.back();
        toReview();
        assertThat(review.files()).allMatch(row -> row.outcome() == StackFolder.Outcome.UNCHANGED && row.diff().isEmpty());
        assertThat(review.statusProperty().get()).isEqualTo("No change: the files in " + dir + " already hold these settings.");
    }

    @Test
    void theUsersEditsAreMergedKeptOrLeftBesideTheNewVersion() throws Exception {
        Path folder = temp.resolve("stack");
        new StackFolder(folder).write(StackSettings.DEFAULTS);
        Path alloy = folder.resolve(StackLayout.ALLOY_CONFIG);
        Files.writeString(alloy, Files.readString(alloy) + "// my own scrape goes here\n");
        Path tempo = folder.resolve(StackLayout.TEMPO_CONFIG);
        String myTempo = Files.readString(tempo).replace("block_retention: 168h", "block_retention: 240h");
        Files.writeString(tempo, myTempo);
        Path prometheus = folder.resolve(StackLayout.PROMETHEUS_CONFIG);
        Files.writeString(prometheus, Files.readString(prometheus) + "# mine\n");
        open(folder, Locale.ENGLISH);
        sources.retentionDaysProperty().set("3");
        sources.mysqlExporterProperty().set(true);

        toReview();
        assertThat(outcomes()).containsEntry(StackLayout.ALLOY_CONFIG, StackFolder.Outcome.MERGED)
                .containsEntry(StackLayout.TEMPO_CONFIG, StackFolder.Outcome.CONFLICT)
                .containsEntry(StackLayout.PROMETHEUS_CONFIG, StackFolder.Outcome.KEPT_EDITS)
                .containsEntry(StackLayout.LOKI_CONFIG, StackFolder.Outcome.UPDATED)
                .containsEntry(StackLayout.COMPOSE, StackFolder.Outcome.UPDATED)
                .containsEntry(StackLayout.GRAFANA_DATASOURCES, StackFolder.Outcome.UNCHANGED);
        StackReviewStep.FileRow conflict = review.files().stream().filter(row -> row.outcome() == StackFolder.Outcome.CONFLICT)
                .findFirst().orElseThrow();
        assertThat(conflict.text()).isEqualTo("conflict     tempo/tempo-config.yaml: your edits overlap the new version; yours stays, "
                + "the new one is written as tempo/tempo-config.yaml.generated");
        assertThat(conflict.diff()).contains("-    block_retention: 240h", "+    block_retention: 72h");
        assertThat(review.statusProperty().get()).isEqualTo("One file you edited overlaps the new version: Next keeps yours and "
                + "writes the new version beside it as .generated, for you to compare. Folder: " + dir);
        assertThat(review.valid().get()).as("the user's file wins, nothing is lost: Next may write").isTrue();

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.readString(alloy)).contains("// my own scrape goes here", "prometheus.scrape \"mysql\"");
        assertThat(Files.readString(tempo)).isEqualTo(myTempo);
        assertThat(folder.resolve(StackLayout.TEMPO_CONFIG + ".generated")).content().contains("block_retention: 72h");
        assertThat(Files.readString(prometheus)).endsWith("# mine\n");
        assertThat(fixture.stack.settingsProperty().get().retentionDays()).isEqualTo(3);
        assertThat(review.statusProperty().get()).isEqualTo("Wrote the stack folder " + dir
                + "; one file keeps your edits, with the new version beside it as .generated.");
    }

    @Test
    void aFileChangedOnDiskWhileReviewingIsComparedAgainInsteadOfOverwritten() throws Exception {
        Path folder = temp.resolve("stack");
        new StackFolder(folder).write(StackSettings.DEFAULTS);
        open(folder, Locale.ENGLISH);
        sources.retentionDaysProperty().set("3");
        toReview();
        assertThat(outcomes()).containsEntry(StackLayout.TEMPO_CONFIG, StackFolder.Outcome.UPDATED);

        Path tempo = folder.resolve(StackLayout.TEMPO_CONFIG);
        Files.writeString(tempo, Files.readString(tempo).replace("block_retention: 168h", "block_retention: 1h"));
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(review.statusProperty().get()).isEqualTo("Files in " + dir
                + " changed on disk while you were reviewing them. Check the changes again, then press Next.");
        assertThat(review.statusIsErrorProperty().get()).isTrue();
        assertThat(outcomes()).containsEntry(StackLayout.TEMPO_CONFIG, StackFolder.Outcome.CONFLICT);
        assertThat(Files.readString(tempo)).contains("block_retention: 1h");
        assertThat(new StackFolder(folder).readSettings()).contains(StackSettings.DEFAULTS);

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(new StackFolder(folder).readSettings()).contains(StackSettings.DEFAULTS.withRetentionDays(3));
    }

    @Test
    void aFolderThatCannotBeReadOrWrittenSaysWhyAndKeepsTheUserHere() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        open(notAFolder, Locale.forLanguageTag("es"));
        wizard.next();
        fixture.settle();
        assertThat(review.valid().get()).isFalse();
        assertThat(review.statusProperty().get()).startsWith("No se pudo leer la carpeta del stack " + dir + ": ");
        assertThat(review.statusIsErrorProperty().get()).isTrue();

        // Compared fine, then the folder went away before Next: the write fails and the user stays.
        Path folder = temp.resolve("stack");
        open(folder, Locale.forLanguageTag("pt-BR"));
        toReview();
        Files.writeString(folder, "no longer a folder");
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(review.statusProperty().get()).startsWith("Não foi possível gravar a pasta do stack " + dir + ": ")
                .endsWith(". Corrija a causa e clique em Avançar de novo.");
        assertThat(wizard.busyProperty().get()).isFalse();
    }

    @Test
    void aLanguageSwitchSaysTheComparisonAgain() {
        open(temp.resolve("stack"), Locale.ENGLISH);
        toReview();
        fixture.l10n.setLocale(Locale.forLanguageTag("es"));
        assertThat(review.statusProperty().get()).isEqualTo("Siguiente crea el stack en " + dir + ".");
        assertThat(review.files().get(0).text()).isEqualTo("crear          alloy/config.alloy");
    }
}
