package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.testsupport.FakeStackControl;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.stack.StackViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Stack screen's model over a stack that answers at once (every service healthy unless told to fail), with the
 * background work and the UI-thread queue stepped by the test, for the wizard's local-stack steps.
 */
final class FakeStackFixture {

    final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    final List<Runnable> fxQueue = new ArrayList<>();
    final FakeStackControl fake = new FakeStackControl();
    final List<Path> remembered = new ArrayList<>();
    final Localization l10n;
    final StackViewModel stack;

    FakeStackFixture(Path folder, Locale locale) {
        l10n = new Localization(locale);
        stack = new StackViewModel(stackFolder -> {
            fake.settings = stackFolder.readSettings().orElseThrow();
            return fake;
        }, settings -> List.of(), new CheckRunner(), executor, l10n, fxQueue::add, folder, remembered::add);
    }

    /** Runs the background work and what it hands to the UI thread until nothing is left. */
    void settle() {
        for (int round = 0; round < 20 && (executor.pending() > 0 || !fxQueue.isEmpty()); round++) {
            executor.runAll();
            List<Runnable> queued = new ArrayList<>(fxQueue);
            fxQueue.clear();
            queued.forEach(Runnable::run);
        }
    }
}
