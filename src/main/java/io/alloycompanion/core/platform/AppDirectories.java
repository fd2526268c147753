package io.alloycompanion.core.platform;

import java.nio.file.Path;

/**
 * Where the app keeps its files. Follows each OS's convention (XDG on Linux, {@code %APPDATA%} and
 * {@code %LOCALAPPDATA%} on Windows, {@code ~/Library} on macOS); {@code ALLOY_COMPANION_HOME} moves all of them
 * under one folder, so tests and portable setups never touch the real home.
 */
public record AppDirectories(Path config, Path data, Path logs, Path cache) {

    public static final String HOME_VARIABLE = "ALLOY_COMPANION_HOME";
    static final String LINUX_NAME = "alloy-companion";
    static final String WINDOWS_NAME = "AlloyCompanion";
    static final String MACOS_NAME = "Alloy Companion";

    public static AppDirectories resolve(Environment env) {
        var override = env.variable(HOME_VARIABLE);
        if (override.isPresent()) {
            Path home = Path.of(override.get()).toAbsolutePath();
            return new AppDirectories(home.resolve("config"), home.resolve("data"), home.resolve("logs"),
                    home.resolve("cache"));
        }
        Path home = env.userHome();
        switch (env.os()) {
            case WINDOWS: {
                Path roaming = env.variable("APPDATA").map(Path::of)
                        .orElse(home.resolve("AppData").resolve("Roaming")).resolve(WINDOWS_NAME);
                Path local = env.variable("LOCALAPPDATA").map(Path::of)
                        .orElse(home.resolve("AppData").resolve("Local")).resolve(WINDOWS_NAME);
                return new AppDirectories(roaming, local.resolve("data"), local.resolve("logs"),
                        local.resolve("cache"));
            }
            case MACOS: {
                Path library = home.resolve("Library");
                Path support = library.resolve("Application Support").resolve(MACOS_NAME);
                return new AppDirectories(support, support, library.resolve("Logs").resolve(MACOS_NAME),
                        library.resolve("Caches").resolve(MACOS_NAME));
            }
            default: {
                Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
                Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
                Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local").resolve("state"));
                Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache"));
                return new AppDirectories(config.resolve(LINUX_NAME), data.resolve(LINUX_NAME),
                        state.resolve(LINUX_NAME).resolve("logs"), cache.resolve(LINUX_NAME));
            }
        }
    }

    /** XDG says relative paths in these variables are invalid and must be ignored. */
    private static Path xdg(Environment env, String variable, Path fallback) {
        return env.variable(variable).map(Path::of).filter(Path::isAbsolute).orElse(fallback);
    }

    /**
     * Whether {@code folder} is named after the app, like the folder that holds the logs on Linux or data, logs and
     * cache on Windows: one the app may delete once it is empty.
     */
    public static boolean namedAfterApp(Path folder) {
        Path name = folder.getFileName();
        return name != null && (name.toString().equals(LINUX_NAME) || name.toString().equals(WINDOWS_NAME)
                || name.toString().equals(MACOS_NAME));
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
