package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.ui.common.FxmlView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's places that are a different step per setup mode: in local-stack mode Sources, Review and Start are
 * the stack's (folder and options, the folder's files, the containers), in Grafana Cloud mode the steps they always
 * were.
 */
class WizardLocalStackTest {

    @TempDir
    Path temp;

    private final List<String> events = new ArrayList<>();
    private final List<WizardState> saved = new ArrayList<>();
    private final ModeStep mode = new ModeStep();
    private FakeStackFixture fixture;
    private WizardViewModelTest.TestStep cloudSources;
    private WizardViewModelTest.TestStep cloudReview;
    private WizardViewModelTest.TestStep cloudStart;
    private StackSourcesStep stackSources;
    private StackReviewStep stackReview;
    private StackStartStep stackStart;
    private ModeSwitchedStep sources;
    private ModeSwitchedStep review;
    private ModeSwitchedStep start;
    private WizardViewModel wizard;
    private java.util.Optional<io.alloycompanion.core.cloud.StackProfile> activeProfile = java.util.Optional.empty();

    @BeforeEach
    void setUp() {
        fixture = new FakeStackFixture(temp.resolve("stack"), Locale.ENGLISH);
        cloudSources = new WizardViewModelTest.TestStep("sources", events, fixture.executor);
        cloudReview = new WizardViewModelTest.TestStep("review", events, fixture.executor);
        cloudStart = new WizardViewModelTest.TestStep("start", events, fixture.executor);
        stackSources = new StackSourcesStep(fixture.stack, fixture.l10n, mode.cloud(), () -> activeProfile);
        stackReview = new StackReviewStep(stackSources, fixture.executor, fixture.l10n);
        stackStart = new StackStartStep(fixture.stack, fixture.l10n);
        sources = new ModeSwitchedStep(mode, cloudSources, stackSources);
        review = new ModeSwitchedStep(mode, cloudReview, stackReview);
        start = new ModeSwitchedStep(mode, cloudStart, stackStart);
        WizardViewModelTest.TestStep checklist = new WizardViewModelTest.TestStep("checklist", events, fixture.executor);
        wizard = new WizardViewModel(List.of(mode, sources, review, start, checklist), saved::add);
    }

    @AfterEach
    void nothingUnexpected() {
        assertThat(fixture.executor.unexpected()).isEmpty();
    }

    private void next() {
        assertThat(wizard.canGoNextProperty().get()).as("Next on " + wizard.currentProperty().get().titleKey()).isTrue();
        wizard.next();
        fixture.settle();
    }

    @Test
    void eachPlaceShowsTheStepOfTheChosenMode() {
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        assertThat(List.of(sources.titleKey(), review.titleKey(), start.titleKey()))
                .containsExactly("test.sources", "test.review", "test.start");
        assertThat(sources.current()).isSameAs(cloudSources);
        cloudSources.valid.set(false);
        assertThat(sources.valid().get()).isFalse();

        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        assertThat(List.of(sources.titleKey(), review.titleKey(), start.titleKey()))
                .containsExactly("wizard.stackSources.title", "wizard.stackReview.title", "wizard.stackStart.title");
        assertThat(List.of(sources.view(), review.view(), start.view())).containsExactly(FxmlView.WIZARD_STACK_SOURCES_STEP,
                FxmlView.WIZARD_STACK_REVIEW_STEP, FxmlView.WIZARD_STACK_START_STEP);
        assertThat(sources.valid().get()).as("the stack's choices are valid; the hidden cloud step does not count").isTrue();
        // The saved position is the same place in either mode.
        assertThat(List.of(sources.id(), review.id(), start.id())).containsExactly("sources", "review", "start");

        stackSources.otlpPortProperty().set("nope");
        assertThat(sources.valid().get()).isFalse();
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        cloudSources.valid.set(true);
        assertThat(sources.valid().get()).isTrue();
    }

    @Test
    void bothStepsKeepTheirStateUnderOnePlace() {
        cloudSources.value.set("typed");
        assertThat(sources.saveState()).containsEntry("value", "typed").containsEntry("stack.otlpPort", "4318").containsKey("stack.folder");
        WizardViewModelTest.TestStep stackSide = new WizardViewModelTest.TestStep("other", events, fixture.executor);
        ModeSwitchedStep both = new ModeSwitchedStep(mode, cloudSources, stackSide);
        stackSide.value.set("mine");
        assertThat(both.saveState()).isEqualTo(Map.of("value", "typed", "stack.value", "mine"));
        cloudSources.value.set(null);
        stackSide.value.set(null);
        both.restoreState(Map.of("value", "again", "stack.value", "too"));
        assertThat(cloudSources.value.get()).isEqualTo("again");
        assertThat(stackSide.value.get()).isEqualTo("too");
    }

    @Test
    void theLocalStackPathWritesTheFolderAndEndsWithAllFiveServicesHealthy() throws Exception {
        wizard.start(WizardState.NOT_STARTED);
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(sources);
        stackSources.otlpPortProperty().set("14318");
        stackSources.redisExporterProperty().set(true);
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        assertThat(stackReview.files()).isNotEmpty().allMatch(row -> row.outcome() == StackFolder.Outcome.CREATED);
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(start);
        assertThat(new StackFolder(temp.resolve("stack")).readSettings())
                .contains(StackSettings.DEFAULTS.withOtlpHttpHostPort(14318).withExporters(false, true));
        assertThat(fixture.fake.upCalls).containsExactly(Set.of(StackService.values()));
        assertThat(start.valid().get()).isTrue();
        next();
        assertThat(wizard.currentProperty().get().id()).isEqualTo("checklist");
        assertThat(events).as("no Grafana Cloud step ran").containsExactly("enter checklist");
        assertThat(saved.get(saved.size() - 1).values()).containsEntry("mode.mode", "LOCAL_STACK");

        // Back on the stack's Start step: the containers are asked again, and still healthy.
        wizard.back();
        fixture.settle();
        assertThat(fixture.fake.upCalls).hasSize(2);
        assertThat(start.valid().get()).isTrue();
    }

    @Test
    void theGrafanaCloudPathIsTheStepsItAlwaysWas() {
        wizard.start(WizardState.NOT_STARTED);
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        next();
        next();
        next();
        next();
        assertThat(events).containsExactly("enter sources", "leave sources", "enter review", "leave review", "enter start",
                "leave start", "enter checklist");
        assertThat(fixture.fake.upCalls).isEmpty();
        assertThat(temp.resolve("stack")).doesNotExist();
    }

    @Test
    void bothIsTheLocalStackPathWhoseAlloyAlsoSendsWithTheActiveProfile() throws Exception {
        wizard.start(WizardState.NOT_STARTED);
        mode.modeProperty().set(SetupMode.BOTH);
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(sources);
        assertThat(sources.current()).isSameAs(stackSources);
        assertThat(wizard.canGoNextProperty().get()).as("no profile saved yet").isFalse();
        assertThat(stackSources.cloudErrorProperty().get()).contains("No Grafana Cloud profile is active");

        // Saved on the Credentials step meanwhile; entering the step again picks it up.
        activeProfile = java.util.Optional.of(io.alloycompanion.core.cloud.StackProfile.named("dev")
                .withEndpoint(io.alloycompanion.core.cloud.Signal.LOGS,
                        new io.alloycompanion.core.cloud.Endpoint("https://logs-prod-012.grafana.net/loki/api/v1/push", "7654321")));
        wizard.back();
        fixture.settle();
        next();
        assertThat(stackSources.cloudSummaryProperty().get()).contains("dev").contains("logs to logs-prod-012.grafana.net");
        next();
        assertThat(wizard.currentProperty().get()).isSameAs(review);
        next();
        StackSettings written = new StackFolder(temp.resolve("stack")).readSettings().orElseThrow();
        assertThat(written.cloud().orElseThrow().profile()).isEqualTo("dev");
        assertThat(java.nio.file.Files.readString(temp.resolve("stack/alloy/config.alloy")))
                .contains("https://logs-prod-012.grafana.net/loki/api/v1/push").contains("forward_to = [loki.write.local.receiver, loki.write.grafana_cloud_loki.receiver]");
        assertThat(fixture.fake.upCalls).containsExactly(Set.of(StackService.values()));
        next();
        assertThat(wizard.currentProperty().get().id()).isEqualTo("checklist");
        assertThat(events).as("no step of the Alloy on this computer ran").containsExactly("enter checklist");
        assertThat(saved.get(saved.size() - 1).values()).containsEntry("mode.mode", "BOTH");
    }
}
