package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStartStepTest {

    @TempDir
    Path temp;

    private FakeStackFixture fixture;
    private StackStartStep start;
    private WizardViewModel wizard;

    private void open(boolean withStack, Locale locale) throws Exception {
        Path dir = temp.resolve("stack");
        if (withStack) {
            new StackFolder(dir).write(StackSettings.DEFAULTS);
        }
        fixture = new FakeStackFixture(dir, locale);
        start = new StackStartStep(fixture.stack, fixture.l10n);
        WizardViewModelTest.TestStep checklist = new WizardViewModelTest.TestStep("checklist", new ArrayList<>(), fixture.executor);
        wizard = new WizardViewModel(List.of(start, checklist), state -> { });
    }

    @AfterEach
    void nothingUnexpected() {
        if (fixture != null) {
            assertThat(fixture.executor.unexpected()).isEmpty();
        }
    }

    @Test
    void enteringBringsTheStackUpWithProgressAndNextWaitsForAllFiveHealthy() throws Exception {
        open(true, Locale.ENGLISH);
        wizard.start(WizardState.NOT_STARTED);
        assertThat(wizard.busyProperty().get()).isTrue();
        assertThat(fixture.stack.busyProperty().get()).isTrue();
        assertThat(wizard.canGoNextProperty().get()).isFalse();

        // The stack's progress and message (as its events set them on the UI thread) show in the wizard's frame.
        fixture.stack.progressProperty().set(0.3);
        fixture.stack.messageProperty().set("loki: waiting for http://127.0.0.1:3100/ready");
        assertThat(wizard.progressProperty().get()).isEqualTo(0.3);
        assertThat(wizard.progressMessageProperty().get()).isEqualTo("loki: waiting for http://127.0.0.1:3100/ready");
        fixture.settle();

        assertThat(fixture.fake.upCalls).containsExactly(Set.of(StackService.values()));
        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(start.healthyProperty().get()).isTrue();
        assertThat(start.valid().get()).isTrue();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        assertThat(fixture.stack.messageProperty().get()).isEqualTo("All five services are up and healthy.");
        assertThat(start.adviceProperty().get()).isEmpty();
    }

    @Test
    void aFailedServiceShowsItsLastLinesAndWhatToDoAndTryAgainRecovers() throws Exception {
        open(true, Locale.forLanguageTag("pt-BR"));
        fixture.fake.failure = new StackException(StackException.Kind.UNHEALTHY, Optional.of(StackService.LOKI),
                "loki did not become healthy within 90 s", List.of("level=error msg=\"bad schema\""), null);
        wizard.start(WizardState.NOT_STARTED);
        fixture.settle();
        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(start.valid().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        assertThat(fixture.stack.messageProperty().get()).isEqualTo("loki did not become healthy within 90 s");
        assertThat(fixture.stack.problemLinesProperty().get()).isEqualTo("level=error msg=\"bad schema\"");
        assertThat(start.adviceProperty().get()).startsWith("O stack não está no ar.")
                .contains(temp.resolve("stack").toAbsolutePath().toString()).endsWith("clique em Tentar de novo.");
        fixture.l10n.setLocale(Locale.ENGLISH);
        assertThat(start.adviceProperty().get()).startsWith("The stack is not up.").endsWith("then press Try again.");

        fixture.fake.failure = null;
        wizard.rerunAction();
        assertThat(start.adviceProperty().get()).as("cleared while it runs again").isEmpty();
        fixture.settle();
        assertThat(fixture.fake.upCalls).hasSize(2);
        assertThat(start.valid().get()).isTrue();
        assertThat(start.adviceProperty().get()).isEmpty();
        assertThat(fixture.stack.problemLinesProperty().get()).isEmpty();
    }

    @Test
    void cancelStopsTheStartAndSaysWhatToDo() throws Exception {
        open(true, Locale.ENGLISH);
        wizard.start(WizardState.NOT_STARTED);
        assertThat(wizard.busyProperty().get()).isTrue();
        wizard.cancelAction();
        fixture.settle();
        assertThat(fixture.fake.upCalls).isEmpty();
        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(fixture.stack.busyProperty().get()).isFalse();
        assertThat(fixture.stack.messageProperty().get()).isEqualTo("Cancelled. Services already started keep running.");
        assertThat(start.valid().get()).isFalse();
        assertThat(start.adviceProperty().get()).startsWith("The stack is not up.");
    }

    @Test
    void aFolderWithoutAStackEndsAtOnceWithTheReason() throws Exception {
        open(false, Locale.ENGLISH);
        wizard.start(WizardState.NOT_STARTED);
        assertThat(wizard.busyProperty().get()).isFalse();
        assertThat(fixture.executor.pending()).isZero();
        assertThat(fixture.stack.messageProperty().get()).startsWith("This folder has no stack yet");
        assertThat(start.valid().get()).isFalse();
        assertThat(start.adviceProperty().get()).isNotEmpty();
    }
}
