package io.alloycompanion.core.platform;

/** Whether a graphical session is there for the desktop window. */
public final class DisplayProbe {

    /** {@code available} and what it was read from, e.g. {@code DISPLAY=:99}. */
    public record Display(boolean available, String detail) {
    }

    private final Environment env;

    public DisplayProbe(Environment env) {
        this.env = env;
    }

    public Display probe() {
        switch (env.os()) {
            case WINDOWS:
            case MACOS:
                // A desktop session is the norm on these; a service or SSH session without one is rare and
                // reported by the toolkit itself when the window cannot open.
                return new Display(true, "desktop session");
            default: {
                var wayland = env.variable("WAYLAND_DISPLAY");
                if (wayland.isPresent()) {
                    return new Display(true, "WAYLAND_DISPLAY=" + wayland.get());
                }
                var x11 = env.variable("DISPLAY");
                return x11.map(value -> new Display(true, "DISPLAY=" + value))
                        .orElseGet(() -> new Display(false, "neither DISPLAY nor WAYLAND_DISPLAY is set"));
            }
        }
    }
}
