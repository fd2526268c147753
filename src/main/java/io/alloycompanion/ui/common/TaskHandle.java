package io.alloycompanion.ui.common;

/** A running background task, which the user may cancel. */
public interface TaskHandle {

    /** Asks the task to stop; its worker thread is interrupted and its cancel handler runs. */
    void cancel();

    boolean isDone();
}
