package io.alloycompanion.testsupport;

import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackControl;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.stack.StackStatus;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack for view-model tests that answers at once: every service healthy once up, unless told to fail or that a
 * service stopped; it records what was asked of it.
 */
public final class FakeStackControl implements StackControl {
    public final List<Path> openedFor = new ArrayList<>();
    public final List<Set<StackService>> upCalls = new ArrayList<>();
    public final List<Boolean> downCalls = new ArrayList<>();
    public final List<StackService> following = new ArrayList<>();
    public final List<Integer> tails = new ArrayList<>();
    public final java.util.Set<StackService> stopped = java.util.EnumSet.noneOf(StackService.class);
    public StackSettings settings = StackSettings.DEFAULTS;
    public StackException failure;
    public List<StackEvent> eventsToSend = List.of();
    public StackOrchestrator.LogLineListener listener;
    public int closedStreams;
    public boolean up;

    @Override
    public StackSettings settings() {
        return settings;
    }

    @Override
    public StackStatus up(Set<StackService> services, StackEvent.Listener events) throws StackException {
        upCalls.add(Set.copyOf(services));
        eventsToSend.forEach(events::on);
        if (failure != null) {
            throw failure;
        }
        up = true;
        return status();
    }

    @Override
    public void down(boolean removeVolumes, StackEvent.Listener events) {
        downCalls.add(removeVolumes);
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
            Map<Integer, Integer> ports = Map.of(settings.hostPort(service), service.containerPort());
            boolean running = up && !stopped.contains(service);
            services.add(new ServiceStatus(service, settings.name(service.id()), running ? "running" : up ? "exited" : "missing",
                    up ? ServiceStatus.Health.HEALTHY : ServiceStatus.Health.UNKNOWN, settings.image(service), ports, Optional.empty()));
        }
        return new StackStatus(settings.project(), Optional.of("27.0"), services);
    }

    @Override
    public Closeable logs(StackService service, int tail, boolean follow, StackOrchestrator.LogLineListener lines) {
        following.add(service);
        tails.add(tail);
        listener = lines;
        return () -> closedStreams++;
    }

    @Override
    public void close() {
    }
}
