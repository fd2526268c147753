package io.alloycompanion.core.install;

/** An Alloy service the OS manages (systemd {@code alloy}, Windows service {@code Alloy}, {@code brew services}). */
public record ServiceStatus(String manager, String name, boolean installed, boolean running, String detail) {
}
