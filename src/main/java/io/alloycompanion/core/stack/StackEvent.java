package io.alloycompanion.core.stack;

import java.util.Optional;

/**
 * A step of {@code up} or {@code down}, for the progress the user sees.
 *
 * @param fraction how far the whole operation is, 0 to 1
 */
public record StackEvent(Optional<StackService> service, Step step, String message, double fraction) {

    public enum Step {
        ENGINE, IMAGE, PULL, PORTS, NETWORK, VOLUME, CREATE, START, WAIT, HEALTHY, STOP, REMOVE, DONE
    }

    /** Hears the events; called on the thread doing the work. */
    @FunctionalInterface
    public interface Listener {
        void on(StackEvent event);

        Listener NONE = event -> { };
    }
}
