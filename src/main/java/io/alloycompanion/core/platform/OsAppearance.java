package io.alloycompanion.core.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads whether the OS is set to a dark appearance, where the OS lets a program ask without a native library:
 * the Windows registry, macOS defaults, GNOME's settings.
 */
public final class OsAppearance {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Environment env;
    private final CommandRunner runner;

    public OsAppearance(Environment env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    /** Dark or not; empty when the OS could not be asked. */
    public Optional<Boolean> prefersDark() {
        try {
            switch (env.os()) {
                case WINDOWS: {
                    CommandResult result = runner.run(List.of("reg", "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v", "AppsUseLightTheme"), TIMEOUT);
                    if (!result.succeeded()) {
                        return Optional.empty();
                    }
                    // "AppsUseLightTheme    REG_DWORD    0x0" means dark.
                    return Optional.of(result.stdout().matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0+\\b.*"));
                }
                case MACOS: {
                    CommandResult result = runner.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"), TIMEOUT);
                    // The key is absent (exit 1) in light mode.
                    return result.timedOut() ? Optional.empty()
                            : Optional.of(result.exitCode() == 0 && result.stdout().trim().equalsIgnoreCase("dark"));
                }
                case LINUX: {
                    CommandResult scheme = runner.run(
                            List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), TIMEOUT);
                    if (scheme.succeeded()) {
                        return Optional.of(scheme.stdout().toLowerCase(Locale.ROOT).contains("dark"));
                    }
                    CommandResult theme = runner.run(
                            List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"), TIMEOUT);
                    return theme.succeeded()
                            ? Optional.of(theme.stdout().toLowerCase(Locale.ROOT).contains("dark"))
                            : Optional.empty();
                }
                default:
                    return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
