package io.alloycompanion.core.cloud;

import java.util.HashSet;
import java.util.Set;
import okhttp3.Call;

/** The calls a test run has in flight, so cancelling the run cancels them at once instead of waiting them out. */
final class CallRegistry {

    private final Set<Call> calls = new HashSet<>();
    private boolean cancelled;

    synchronized void add(Call call) {
        if (cancelled) {
            call.cancel();
        }
        calls.add(call);
    }

    synchronized void remove(Call call) {
        calls.remove(call);
    }

    synchronized void cancelAll() {
        cancelled = true;
        calls.forEach(Call::cancel);
    }

    synchronized boolean cancelled() {
        return cancelled;
    }
}
