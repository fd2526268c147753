package io.alloycompanion.core.agent;

import java.util.List;
import java.util.Optional;

/**
 * What a reload did. A refused or failed reload leaves the previous config running.
 *
 * @param location where the config is wrong, when known (from the app's validator, {@code alloy validate} or Alloy)
 * @param changes  components whose health changed (added, removed, or another state) between before and after
 */
public record ReloadOutcome(Result result, String message, Optional<Insight.ConfigLocation> location,
                            List<Change> changes) {

    public enum Result {
        /** Alloy loaded the new config and is healthy. */
        RELOADED,
        /** Alloy loaded it but some components are unhealthy. */
        RELOADED_UNHEALTHY,
        /** The app's validation refused it; Alloy was not asked. */
        REFUSED,
        /** Alloy refused it (HTTP 400); the previous config keeps running. */
        FAILED,
        /** No agent to reload. */
        NOT_RUNNING
    }

    /** One component's health before and after; empty when it did not exist then. */
    public record Change(String id, Optional<ComponentHealth.State> before, Optional<ComponentHealth.State> after) {
    }

    public boolean reloaded() {
        return result == Result.RELOADED || result == Result.RELOADED_UNHEALTHY;
    }
}
