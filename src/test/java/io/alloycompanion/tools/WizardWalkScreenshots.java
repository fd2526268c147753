package io.alloycompanion.tools;

import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.NewcomerScenario;
import io.alloycompanion.testsupport.StandInProcess;
import io.alloycompanion.ui.UiContext;
import io.alloycompanion.ui.common.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Walks the whole setup wizard as a newcomer would, on the same computer as the walkthrough test
 * ({@link NewcomerScenario}: Alloy installed from a local mirror, the agent really started, the checklist really
 * run), and takes a screenshot of every step: {@code <out>/guide-<n>-<step>-<lang>.png}. Used by
 * {@code scripts/wizard-screenshots.sh}; needs a display.
 *
 * <p>Arguments: output folder, language tag ({@code en}, {@code es}, {@code pt-BR}).
 */
public final class WizardWalkScreenshots extends SceneDriver {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        String lang = locale.getLanguage();
        Files.createDirectories(out);
        Platform.startup(() -> { });
        Path home = Files.createTempDirectory("wizard-walk");
        int code = 0;
        try (NewcomerScenario scenario = new NewcomerScenario(home)) {
            new WizardWalkScreenshots().walk(scenario, locale, out, lang);
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        Platform.exit();
        System.exit(code);
    }

    private void walk(NewcomerScenario scenario, Locale locale, Path out, String lang) throws Exception {
        UiContext[] context = new UiContext[1];
        onFx(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            context[0] = scenario.app(locale, themes);
            context[0].start();
            Stage stage = new Stage();
            scene = context[0].attach(stage, 1100, 760);
            stage.show();
            return null;
        });
        try {
            fire("#mode-cloud");
            shot(out, "guide-1-mode-" + lang);
            fire("#wizard-next");
            waitFor(30, () -> !button("#wizard-next").isDisabled());
            shot(out, "guide-2-environment-" + lang);
            fire("#wizard-next");
            waitFor(20, () -> !button("#install-start").isDisabled());
            fire("#install-start");
            waitFor(60, () -> !button("#wizard-next").isDisabled());
            shot(out, "guide-3-install-" + lang);
            fire("#wizard-next");
            waitFor(20, () -> onFx(() -> node("#credentials-name")) != null);

            NewcomerScenario.MetricsEndpoint metrics = scenario.metrics();
            for (java.util.Map.Entry<String, String> field : scenario.credentialsForm(metrics.password()).entrySet()) {
                type(field.getKey(), field.getValue());
            }
            fire("#credentials-save");
            waitFor(20, () -> !button("#wizard-next").isDisabled());
            shot(out, "guide-4-credentials-" + lang);
            fire("#wizard-next");

            waitFor(20, () -> metrics.url().equals(text("#sources-url-metrics")));
            type("#sources-address-1", scenario.appAddress());
            type("#sources-otlp-endpoint", "127.0.0.1:" + StandInProcess.freePort());
            type("#sources-frontend", scenario.frontendUrl());
            waitFor(20, () -> !button("#wizard-next").isDisabled());
            shot(out, "guide-5-sources-" + lang);
            fire("#wizard-next");
            waitFor(20, () -> !button("#wizard-next").isDisabled());
            shot(out, "guide-6-review-" + lang);
            fire("#wizard-next");

            waitFor(90, () -> !button("#wizard-next").isDisabled());
            Thread.sleep(2_000); // a few more log lines
            shot(out, "guide-7-start-" + lang);
            fire("#wizard-next");
            // Alloy reports samples sent after its first second: check again once it has.
            waitFor(90, () -> !button("#checklist-run").isDisabled());
            Thread.sleep(2_000);
            fire("#checklist-run");
            waitFor(90, () -> !button("#checklist-run").isDisabled());
            fire("#checklist-send-telemetry");
            waitFor(30, () -> !button("#checklist-send-telemetry").isDisabled() && !button("#checklist-run").isDisabled());
            shot(out, "guide-8-checklist-" + lang);
        } finally {
            onFx(() -> {
                context[0].agent().shutdown();
                return null;
            });
        }
    }
}
