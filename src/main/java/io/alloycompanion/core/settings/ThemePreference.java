package io.alloycompanion.core.settings;

/** Light, dark, or whatever the OS is set to. */
public enum ThemePreference {
    SYSTEM,
    LIGHT,
    DARK
}
