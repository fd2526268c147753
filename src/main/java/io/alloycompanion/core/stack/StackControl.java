package io.alloycompanion.core.stack;

import java.io.Closeable;
import java.util.Set;

/** What can be done to a running stack; {@link StackOrchestrator} does it through Docker. */
public interface StackControl extends AutoCloseable {

    StackSettings settings();

    StackStatus up(Set<StackService> services, StackEvent.Listener listener) throws StackException, InterruptedException;

    void down(boolean removeVolumes, StackEvent.Listener listener) throws StackException;

    void stop(StackService service) throws StackException;

    void restart(StackService service, StackEvent.Listener listener) throws StackException, InterruptedException;

    StackStatus status() throws StackException;

    Closeable logs(StackService service, int tail, boolean follow, StackOrchestrator.LogLineListener listener) throws StackException;

    @Override
    void close();

    /** Opens the control of a stack folder (may block: it reads the folder and reaches the engine). */
    @FunctionalInterface
    interface Opener {
        StackControl open(StackFolder folder) throws StackException, java.io.IOException;
    }
}
