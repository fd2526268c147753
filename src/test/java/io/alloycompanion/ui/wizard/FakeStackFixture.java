package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackControl;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.stack.StackStatus;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.stack.StackViewModel;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Stack screen's model over a stack that answers at once (every service healthy unless told to fail), with the
 * background work and the UI-thread queue stepped by the test, for the wizard's local-stack steps.
 */
final class FakeStackFixture {

    final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    final List<Runnable> fxQueue = new ArrayList<>();
    final FakeStack fake = new FakeStack();
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

    static final class FakeStack implements StackControl {
        final List<Set<StackService>> upCalls = new ArrayList<>();
        StackSettings settings = StackSettings.DEFAULTS;
        StackException failure;
        boolean up;

        @Override
        public StackSettings settings() {
            return settings;
        }

        @Override
        public StackStatus up(Set<StackService> services, StackEvent.Listener events) throws StackException {
            upCalls.add(Set.copyOf(services));
            if (failure != null) {
                throw failure;
            }
            up = true;
            return status();
        }

        @Override
        public void down(boolean removeVolumes, StackEvent.Listener events) {
            up = false;
        }

        @Override
        public void stop(StackService service) {
        }

        @Override
        public void restart(StackService service, StackEvent.Listener events) {
        }

        @Override
        public StackStatus status() {
            List<ServiceStatus> services = new ArrayList<>();
            for (StackService service : StackService.values()) {
                services.add(new ServiceStatus(service, settings.name(service.id()), up ? "running" : "missing",
                        up ? ServiceStatus.Health.HEALTHY : ServiceStatus.Health.UNKNOWN, settings.image(service),
                        Map.of(settings.hostPort(service), service.containerPort()), Optional.empty()));
            }
            return new StackStatus(settings.project(), Optional.of("27.0"), services);
        }

        @Override
        public Closeable logs(StackService service, int tail, boolean follow, StackOrchestrator.LogLineListener lines) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }
}
