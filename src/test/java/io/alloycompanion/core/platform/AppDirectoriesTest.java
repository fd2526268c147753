package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    private static Environment env(OperatingSystem os, Map<String, String> variables, String home) {
        return new Environment(os, Architecture.AMD64, variables, Path.of(home));
    }

    @Test
    void linuxFollowsXdgDefaults() {
        AppDirectories dirs = AppDirectories.resolve(env(OperatingSystem.LINUX, Map.of(), "/home/dev"));
        assertThat(dirs.config()).isEqualTo(Path.of("/home/dev/.config/alloy-companion"));
        assertThat(dirs.data()).isEqualTo(Path.of("/home/dev/.local/share/alloy-companion"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/home/dev/.local/state/alloy-companion/logs"));
        assertThat(dirs.cache()).isEqualTo(Path.of("/home/dev/.cache/alloy-companion"));
        assertThat(dirs.settingsFile()).isEqualTo(Path.of("/home/dev/.config/alloy-companion/settings.json"));
    }

    @Test
    void linuxHonoursAbsoluteXdgVariablesAndIgnoresRelativeOnes() {
        AppDirectories dirs = AppDirectories.resolve(env(OperatingSystem.LINUX,
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative/data", "XDG_CACHE_HOME", "/c"), "/home/dev"));
        assertThat(dirs.config()).isEqualTo(Path.of("/cfg/alloy-companion"));
        assertThat(dirs.data()).isEqualTo(Path.of("/home/dev/.local/share/alloy-companion"));
        assertThat(dirs.cache()).isEqualTo(Path.of("/c/alloy-companion"));
    }

    @Test
    void windowsUsesRoamingForConfigAndLocalForTheRest() {
        AppDirectories dirs = AppDirectories.resolve(env(OperatingSystem.WINDOWS,
                Map.of("APPDATA", "/users/dev/AppData/Roaming", "LOCALAPPDATA", "/users/dev/AppData/Local"), "/users/dev"));
        assertThat(dirs.config()).isEqualTo(Path.of("/users/dev/AppData/Roaming/AlloyCompanion"));
        assertThat(dirs.data()).isEqualTo(Path.of("/users/dev/AppData/Local/AlloyCompanion/data"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/users/dev/AppData/Local/AlloyCompanion/logs"));
    }

    @Test
    void macosUsesLibraryFolders() {
        AppDirectories dirs = AppDirectories.resolve(env(OperatingSystem.MACOS, Map.of(), "/Users/dev"));
        assertThat(dirs.config()).isEqualTo(Path.of("/Users/dev/Library/Application Support/Alloy Companion"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/Users/dev/Library/Logs/Alloy Companion"));
        assertThat(dirs.cache()).isEqualTo(Path.of("/Users/dev/Library/Caches/Alloy Companion"));
    }

    @Test
    void homeVariableMovesEverythingOnEveryOs() {
        for (OperatingSystem os : OperatingSystem.values()) {
            AppDirectories dirs = AppDirectories.resolve(env(os, Map.of("ALLOY_COMPANION_HOME", "/tmp/ac"), "/home/dev"));
            assertThat(dirs.config()).isEqualTo(Path.of("/tmp/ac/config"));
            assertThat(dirs.data()).isEqualTo(Path.of("/tmp/ac/data"));
            assertThat(dirs.logs()).isEqualTo(Path.of("/tmp/ac/logs"));
            assertThat(dirs.cache()).isEqualTo(Path.of("/tmp/ac/cache"));
        }
    }

    @Test
    void windowsVariableNamesAreCaseInsensitive() {
        Environment env = env(OperatingSystem.WINDOWS, Map.of("Path", "C:\\bin"), "/users/dev");
        assertThat(env.variable("PATH")).contains("C:\\bin");
        assertThat(env(OperatingSystem.LINUX, Map.of("Path", "/bin"), "/home").variable("PATH")).isEmpty();
    }
}
