package io.alloycompanion.ui.common;

/**
 * A controller that listens to a long-lived view model. Views are thrown away (a language switch reloads the whole
 * window) while view models stay, so such a controller must stop listening when its view goes, or it would keep
 * reacting, and stay in memory, for the rest of the session.
 */
public interface DisposableController {

    void dispose();
}
