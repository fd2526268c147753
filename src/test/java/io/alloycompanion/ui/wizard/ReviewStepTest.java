package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alloycompanion.core.config.ConfigFiles;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.config.ConfigViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Review step inside a real wizard frame (Sources → Review → a last step), without a toolkit: the generated
 * text, the diff, the validator, and Next writing the file (or not, or failing and staying).
 */
class ReviewStepTest {

    @TempDir
    Path temp;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final ModeStep mode = new ModeStep();
    private final List<Path> written = new ArrayList<>();
    private SettingsStore store;
    private SettingsWriter settings;
    private SourcesStep sources;
    private ReviewStep review;
    private WizardViewModel wizard;
    private Path config;
    private IOException failWith;

    @BeforeEach
    void setUp() throws Exception {
        store = new SettingsStore(temp.resolve("settings.json"));
        store.load();
        settings = new SettingsWriter(store, error -> { });
        config = temp.resolve("data").resolve("config.alloy");
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        sources = new SourcesStep(mode, () -> Optional.of(SourcesStepTest.profile("dev", "123456")), settings, executor, l10n);
        review = new ReviewStep(sources, settings, config, LintContext.NONE, executor, l10n, (file, text) -> {
            if (failWith != null) {
                throw failWith;
            }
            ConfigFiles.write(file, text);
        });
        review.setAfterWrite(written::add);
        WizardViewModelTest.TestStep after = new WizardViewModelTest.TestStep("start", new ArrayList<>(), executor);
        wizard = new WizardViewModel(List.of(sources, review, after), state -> { });
        wizard.start(WizardState.NOT_STARTED);
        executor.runAll(); // the profile prefills the endpoints
        assertThat(sources.valid().get()).isTrue();
    }

    @AfterEach
    void finishWrites() throws Exception {
        settings.updateAndFinish(current -> current, Duration.ofSeconds(5));
        assertThat(executor.unexpected()).isEmpty();
    }

    private void toReview() {
        wizard.next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(review.valid().get()).as("not before the comparison finished").isFalse();
        executor.runAll();
        assertThat(review.readyProperty().get()).isTrue();
    }

    /** Opens the wizard on the Review step with the sources as they are (as after a restart there). */
    private void startAtReview() {
        wizard.start(new WizardState(ReviewStep.ID, sources.saveState().entrySet().stream()
                .collect(Collectors.toMap(entry -> SourcesStep.ID + "." + entry.getKey(), Map.Entry::getValue)), false));
        executor.runAll();
    }

    private void next() {
        wizard.next();
        executor.runAll();
    }

    @Test
    void aNewFileShowsTheConfigAndNextCreatesItAndMakesItTheAppsConfig() throws Exception {
        toReview();
        assertThat(review.fileProperty().get()).isEqualTo(config);
        assertThat(review.existingProperty().get()).isFalse();
        assertThat(review.generatedProperty().get()).contains("prometheus.scrape \"worker\"", "otelcol.receiver.otlp \"default\"",
                "sys.env(\"GCLOUD_RW_API_KEY\")");
        assertThat(review.statusProperty().get()).isEqualTo(config + " does not exist yet: Next creates it.");
        assertThat(review.tokenNoteProperty().get()).contains("GCLOUD_RW_API_KEY");
        assertThat(review.errorsProperty().get()).isZero();
        assertThat(review.valid().get()).isTrue();

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.readString(config)).isEqualTo(review.generatedProperty().get());
        assertThat(config.resolveSibling("config.alloy.bak")).doesNotExist();
        assertThat(written).containsExactly(config);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().configFile().isPresent());
        assertThat(store.current().configFile()).contains(config.toString());
    }

    @Test
    void anExistingFileShowsTheDiffAndNextKeepsThePreviousVersionAsBak() throws Exception {
        Files.createDirectories(config.getParent());
        String before = "logging {\n\tlevel = \"debug\"\n}\n";
        Files.writeString(config, before);
        toReview();
        assertThat(review.existingProperty().get()).isTrue();
        assertThat(review.unchangedProperty().get()).isFalse();
        assertThat(review.diffProperty().get()).startsWith("--- a/config.alloy\n+++ b/config.alloy\n@@")
                .contains("\n-\tlevel = \"debug\"\n").contains("\n+\tlevel  = \"info\"\n")
                .contains("\n+prometheus.scrape \"worker\" {\n");
        assertThat(review.statusProperty().get()).isEqualTo(
                "Next writes these changes to " + config + "; the current version is kept as config.alloy.bak.");

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.readString(config)).isEqualTo(review.generatedProperty().get());
        assertThat(Files.readString(config.resolveSibling("config.alloy.bak"))).isEqualTo(before);
        assertThat(review.statusProperty().get()).startsWith("Wrote " + config);
    }

    @Test
    void theSameTextSaysNoChangeAndWritesNothing() throws Exception {
        toReview();
        next();
        Files.delete(config);
        Files.writeString(config, review.generatedProperty().get());
        var modified = Files.getLastModifiedTime(config);
        written.clear();

        wizard.back();
        executor.runAll();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(review.unchangedProperty().get()).isTrue();
        assertThat(review.diffProperty().get()).isEmpty();
        assertThat(review.statusProperty().get()).isEqualTo("No change: " + config + " already holds this config. Next writes nothing.");
        assertThat(review.valid().get()).isTrue();

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(config)).isEqualTo(modified);
        assertThat(config.resolveSibling("config.alloy.bak")).doesNotExist();
        assertThat(written).as("nothing written, nothing to reload").isEmpty();
    }

    @Test
    void aFailedWriteKeepsTheStepItsTextAndTheInputsAndSaysWhy() throws Exception {
        toReview();
        String generated = review.generatedProperty().get();
        failWith = new IOException("No space left on device");
        next();
        assertThat(wizard.currentProperty().get()).as("the step stays").isSameAs(review);
        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(review.statusIsErrorProperty().get()).isTrue();
        assertThat(review.statusProperty().get()).isEqualTo("Could not write " + config
                + ": No space left on device. Nothing was changed: fix the cause and press Next again.");
        assertThat(review.generatedProperty().get()).isEqualTo(generated);
        assertThat(review.valid().get()).isTrue();
        assertThat(sources.targets()).hasSize(1);
        assertThat(config).doesNotExist();
        assertThat(written).isEmpty();

        failWith = null;
        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.readString(config)).isEqualTo(generated);
    }

    @Test
    void aFileChangedOnDiskWhileReviewingIsComparedAgainNotOverwritten() throws Exception {
        toReview();
        Files.createDirectories(config.getParent());
        Files.writeString(config, "// written by someone else\n");
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(Files.readString(config)).isEqualTo("// written by someone else\n");
        assertThat(review.diffProperty().get()).contains("-// written by someone else");
        assertThat(review.statusProperty().get()).startsWith(config + " was changed on disk while you were reviewing it.");

        next();
        assertThat(wizard.indexProperty().get()).isEqualTo(2);
        assertThat(Files.readString(config.resolveSibling("config.alloy.bak"))).isEqualTo("// written by someone else\n");
    }

    @Test
    void validatorErrorsAreShownAndBlockNext() {
        // Two jobs that become the same component label: the sources step refuses them, the validator here too.
        sources.targets().get(0).jobProperty().set("api-worker");
        ScrapeTargetInput second = sources.addTarget();
        second.jobProperty().set("api_worker");
        second.addressProperty().set("localhost:9000");
        startAtReview();
        assertThat(review.errorsProperty().get()).isEqualTo(1);
        assertThat(review.problems()).hasSize(1);
        assertThat(review.problems().get(0).error()).isTrue();
        assertThat(review.problems().get(0).text()).contains("error:").contains("prometheus.scrape.api_worker");
        assertThat(review.statusProperty().get()).startsWith("Alloy would refuse this config (1 errors below)");
        assertThat(review.valid().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        wizard.next();
        executor.runAll();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(config).doesNotExist();
    }

    @Test
    void warningsAreShownButDoNotBlock() {
        sources.otlpEndpointProperty().set("0.0.0.0:4318");
        toReview();
        assertThat(review.problems()).extracting(ReviewStep.Problem::error).containsExactly(false);
        assertThat(review.problems().get(0).text()).contains("warning:").contains("0.0.0.0:4318");
        assertThat(review.valid().get()).isTrue();
    }

    @Test
    void theLocalStackNeedsNoTokenNote() {
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        toReview();
        assertThat(review.tokenNoteProperty().get()).isEmpty();
        assertThat(review.generatedProperty().get()).contains("loki.write \"local\"").doesNotContain("GCLOUD_RW_API_KEY");
    }

    @Test
    void aProxyOnThisMachineIsPassedToTheGrafanaCloudWriters() {
        review = new ReviewStep(sources, settings, config, new LintContext(Optional.of("http://proxy:3128")), executor, l10n);
        wizard = new WizardViewModel(List.of(sources, review), state -> { });
        startAtReview();
        assertThat(review.generatedProperty().get()).contains("proxy_from_environment = true");
        assertThat(review.problems()).isEmpty();
    }

    @Test
    void theConfigScreenReloadsAFileItShowsUnlessItHasUnsavedEdits() throws Exception {
        Files.createDirectories(config.getParent());
        Files.writeString(config, "logging {\n\tlevel = \"debug\"\n}\n");
        var dirs = new AppDirectories(temp.resolve("c"), config.getParent(), temp.resolve("l"), temp.resolve("k"));
        ConfigViewModel screen = new ConfigViewModel(settings, dirs, executor, l10n, LintContext.NONE);
        screen.fileWritten(config);
        assertThat(executor.pending()).as("not opened yet: it reads the file when it opens").isZero();
        screen.open(config);
        executor.runAll();
        review.setAfterWrite(screen::fileWritten);

        toReview();
        next();
        executor.runAll();
        assertThat(screen.textProperty().get()).isEqualTo(review.generatedProperty().get());
        assertThat(screen.dirtyProperty().get()).isFalse();

        screen.textProperty().set("// my edit\n");
        wizard.back();
        executor.runAll();
        wizard.back();
        executor.runAll();
        sources.targets().get(0).intervalProperty().set("30s");
        toReview();
        next();
        assertThat(screen.textProperty().get()).as("unsaved edits are kept").isEqualTo("// my edit\n");
        assertThat(Files.readString(config)).isEqualTo(review.generatedProperty().get());
        assertThat(screen.externalChangeProperty().get()).isTrue();
    }

    @Test
    void theUsersOwnConfigIsKeptOnceAsOrigBeforeTheWizardFirstReplacesIt() throws Exception {
        Path file = java.nio.file.Files.writeString(temp.resolve("own.alloy"), "// mine\nlogging {}\n");
        ReviewStep.keepOriginal(file);
        java.nio.file.Files.writeString(file, ReviewStep.GENERATED_MARK + ". Edit freely.\n");
        ReviewStep.keepOriginal(file);
        assertThat(java.nio.file.Files.readString(temp.resolve("own.alloy.orig"))).isEqualTo("// mine\nlogging {}\n");

        Path generated = java.nio.file.Files.writeString(temp.resolve("generated.alloy"), ReviewStep.GENERATED_MARK + ". Edit freely.\n");
        ReviewStep.keepOriginal(generated);
        assertThat(temp.resolve("generated.alloy.orig")).as("nothing of the user's to keep").doesNotExist();
    }
}
