package io.alloycompanion.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * Everything the app remembers between runs. Never holds a secret: those live in the OS keychain.
 * Unknown fields are ignored so an older app can read a newer file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(
        int schemaVersion,
        Language language,
        ThemePreference theme,
        WizardState wizard,
        Optional<WindowBounds> window,
        Optional<String> grafanaComApi,
        Optional<String> configFile,
        Optional<String> screen,
        Optional<String> alloyBinary,
        Optional<String> mirror,
        AgentPreferences agent,
        Optional<String> frontendUrl,
        Optional<String> stackDir) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_GRAFANA_COM_API = "https://grafana.com";

    public static final Settings DEFAULTS = new Settings(SCHEMA_VERSION, Language.SYSTEM, ThemePreference.SYSTEM,
            WizardState.NOT_STARTED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), AgentPreferences.DEFAULTS, Optional.empty(), Optional.empty());

    public Settings {
        language = language == null ? Language.SYSTEM : language;
        theme = theme == null ? ThemePreference.SYSTEM : theme;
        wizard = wizard == null ? WizardState.NOT_STARTED : wizard;
        window = window == null ? Optional.empty() : window;
        grafanaComApi = grafanaComApi == null ? Optional.empty() : grafanaComApi.filter(value -> !value.isBlank());
        configFile = configFile == null ? Optional.empty() : configFile;
        screen = screen == null ? Optional.empty() : screen;
        alloyBinary = alloyBinary == null ? Optional.empty() : alloyBinary.filter(value -> !value.isBlank());
        mirror = mirror == null ? Optional.empty() : mirror.filter(value -> !value.isBlank());
        agent = agent == null ? AgentPreferences.DEFAULTS : agent;
        frontendUrl = frontendUrl == null ? Optional.empty() : frontendUrl.filter(value -> !value.isBlank());
        stackDir = stackDir == null ? Optional.empty() : stackDir.filter(value -> !value.isBlank());
    }

    public Settings withLanguage(Language value) {
        return new Settings(schemaVersion, value, theme, wizard, window, grafanaComApi, configFile, screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    public Settings withTheme(ThemePreference value) {
        return new Settings(schemaVersion, language, value, wizard, window, grafanaComApi, configFile, screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    public Settings withWizard(WizardState value) {
        return new Settings(schemaVersion, language, theme, value, window, grafanaComApi, configFile, screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    public Settings withConfigFile(String value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, Optional.of(value), screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    /** The screen last shown, to open there next time. */
    public Settings withScreen(String value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, Optional.of(value), alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    /** The Alloy binary every feature uses; empty: the first one found. */
    public Settings withAlloyBinary(Optional<String> value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, screen, value, mirror, agent, frontendUrl, stackDir);
    }

    /** A download mirror for Alloy releases ({@code <mirror>/<tag>/<asset>}); empty: GitHub. */
    public Settings withMirror(Optional<String> value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, screen, alloyBinary, value, agent, frontendUrl, stackDir);
    }

    /** The grafana.com API used to discover a stack's endpoints; empty: {@link #DEFAULT_GRAFANA_COM_API}. */
    public Settings withGrafanaComApi(Optional<String> value) {
        return new Settings(schemaVersion, language, theme, wizard, window, value, configFile, screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    public String grafanaComApiBase() {
        return grafanaComApi.orElse(DEFAULT_GRAFANA_COM_API);
    }

    /** How the local agent is run: restart on crash, log lines kept. */
    public Settings withAgent(AgentPreferences value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, screen, alloyBinary, mirror, value, frontendUrl, stackDir);
    }

    /** The user's web front end the checklist asks (e.g. {@code http://localhost:3000}); empty: not checked. */
    public Settings withFrontendUrl(Optional<String> value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, screen, alloyBinary, mirror,
                agent, value, stackDir);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(schemaVersion, language, theme, wizard, Optional.of(value), grafanaComApi, configFile, screen, alloyBinary, mirror, agent, frontendUrl, stackDir);
    }

    /** The local stack's folder; empty: {@code alloy-companion-stack} in the user's home. */
    public Settings withStackDir(Optional<String> value) {
        return new Settings(schemaVersion, language, theme, wizard, window, grafanaComApi, configFile, screen, alloyBinary, mirror,
                agent, frontendUrl, value);
    }
}
