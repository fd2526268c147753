package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayProbeTest {

    private static DisplayProbe.Display probe(OperatingSystem os, Map<String, String> variables) {
        return new DisplayProbe(new Environment(os, Architecture.AMD64, variables, Path.of("/home"))).probe();
    }

    @Test
    void linuxNeedsDisplayOrWayland() {
        assertThat(probe(OperatingSystem.LINUX, Map.of())).isEqualTo(
                new DisplayProbe.Display(false, "neither DISPLAY nor WAYLAND_DISPLAY is set"));
        assertThat(probe(OperatingSystem.LINUX, Map.of("DISPLAY", ":99"))).isEqualTo(new DisplayProbe.Display(true, "DISPLAY=:99"));
        assertThat(probe(OperatingSystem.LINUX, Map.of("WAYLAND_DISPLAY", "wayland-0")).available()).isTrue();
        assertThat(probe(OperatingSystem.LINUX, Map.of("DISPLAY", "  ")).available()).isFalse();
    }
}
