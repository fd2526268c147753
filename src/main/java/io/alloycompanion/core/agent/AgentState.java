package io.alloycompanion.core.agent;

/** The life cycle of the local Alloy the app supervises. */
public enum AgentState {
    STOPPED,
    STARTING,
    READY,
    DEGRADED,
    CRASHED,
    STOPPING
}
