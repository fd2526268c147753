package io.alloycompanion.core.settings;

/** The main window's last position and size, restored at the next start. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
}
