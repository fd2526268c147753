package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.testsupport.FakeCommandRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OsAppearanceTest {

    private static final List<String> WINDOWS_QUERY = List.of("reg", "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");
    private static final List<String> GNOME_SCHEME = List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
    private static final List<String> GNOME_THEME = List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");

    private static OsAppearance on(OperatingSystem os, FakeCommandRunner runner) {
        return new OsAppearance(new Environment(os, Architecture.AMD64, Map.of(), Path.of("/home")), runner);
    }

    @Test
    void windowsReadsAppsUseLightThemeFromTheRegistry() {
        var dark = new FakeCommandRunner().answer(WINDOWS_QUERY, 0,
                "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n");
        assertThat(on(OperatingSystem.WINDOWS, dark).prefersDark()).contains(true);
        assertThat(dark.commands()).containsExactly(WINDOWS_QUERY);
        var light = new FakeCommandRunner().answer(WINDOWS_QUERY, 0, "    AppsUseLightTheme    REG_DWORD    0x1\r\n");
        assertThat(on(OperatingSystem.WINDOWS, light).prefersDark()).contains(false);
    }

    @Test
    void macosTreatsAMissingKeyAsLight() {
        List<String> read = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
        assertThat(on(OperatingSystem.MACOS, new FakeCommandRunner().answer(read, 0, "Dark\n")).prefersDark()).contains(true);
        assertThat(on(OperatingSystem.MACOS, new FakeCommandRunner().answer(read, 1, "")).prefersDark()).contains(false);
    }

    @Test
    void gnomePrefersColorSchemeThenFallsBackToTheGtkThemeName() {
        var scheme = new FakeCommandRunner().answer(GNOME_SCHEME, 0, "'prefer-dark'\n");
        assertThat(on(OperatingSystem.LINUX, scheme).prefersDark()).contains(true);
        var oldGnome = new FakeCommandRunner().answer(GNOME_SCHEME, 1, "").answer(GNOME_THEME, 0, "'Adwaita-dark'\n");
        assertThat(on(OperatingSystem.LINUX, oldGnome).prefersDark()).contains(true);
        assertThat(oldGnome.commands()).containsExactly(GNOME_SCHEME, GNOME_THEME);
    }

    @Test
    void unknownWhenTheToolIsMissing() {
        assertThat(on(OperatingSystem.LINUX, new FakeCommandRunner()).prefersDark()).isEmpty();
        assertThat(on(OperatingSystem.OTHER, new FakeCommandRunner()).prefersDark()).isEmpty();
    }
}
