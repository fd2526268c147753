package io.alloycompanion.ui.main;

/** The screens the sidebar leads to. */
public enum Screen {
    SETUP,
    ENVIRONMENT,
    CREDENTIALS,
    CONFIG,
    AGENT,
    LOGS,
    CHECKLIST,
    STACK,
    SETTINGS
}
