package io.alloycompanion.tools;

import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.testsupport.NewcomerScenario;
import io.alloycompanion.testsupport.StandInProcess;
import io.alloycompanion.ui.UiContext;
import io.alloycompanion.ui.checklist.ChecklistViewModel;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.stack.StackViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Test tool, not a test: walks the setup wizard choosing "Local stack in Docker", against the Docker engine of the test
 * services and the stack's locally built images, as {@code WizardLocalStackUiTest} does, and takes a screenshot of
 * each step that differs from the Grafana Cloud path: {@code <out>/guide-stack-<n>-<step>-<lang>.png}, where {@code n}
 * is the wizard's own step number. The stack folder is prepared first (as {@code stack init} would) with the test
 * images, a free port for every service and a project name of its own; the stack is removed at the end, data and
 * all, whatever happened. Used by {@code scripts/wizard-screenshots.sh}; needs a display and
 * {@code scripts/test-services.sh start}.
 *
 * <p>Arguments: output folder, language tag ({@code en}, {@code es}, {@code pt-BR}), and optionally {@code both}: then
 * the wizard's "both" mode is chosen, a profile is saved on the Credentials step (the scenario's Prometheus with basic
 * auth as the metrics endpoint) and the steps that differ are shot as {@code guide-both-<n>-<step>-<lang>.png}.
 */
public final class WizardStackScreenshots extends SceneDriver {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        String lang = locale.getLanguage();
        boolean both = args.length > 2 && args[2].equals("both");
        String images = Optional.ofNullable(System.getenv("ALLOY_COMPANION_TEST_STACK_IMAGES"))
                .filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "ALLOY_COMPANION_TEST_STACK_IMAGES is not set: start the test services and load their env "
                                + "(eval \"$(scripts/test-services.sh env)\")"));
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("wizard-stack");
        Path dir = home.resolve("my-app-stack");
        String project = "docs-wizard-" + Long.toString(System.nanoTime(), 36);
        StackSettings settings = StackSettings.DEFAULTS.withProject(project).withHealthTimeoutSeconds(60);
        for (String pair : images.split(",")) {
            String[] parts = pair.split("=", 2);
            settings = settings.withImage(StackService.byId(parts[0].strip()).orElseThrow(
                    () -> new IllegalArgumentException("no stack service " + parts[0])), parts[1].strip());
        }
        for (StackService service : StackService.values()) {
            settings = settings.withHostPort(service, StandInProcess.freePort());
        }
        settings = settings.withOtlpHttpHostPort(StandInProcess.freePort());

        Platform.startup(() -> { });
        int code = 0;
        try (NewcomerScenario scenario = new NewcomerScenario(home)) {
            new StackFolder(dir).write(settings);
            new WizardStackScreenshots().walk(scenario, dir, locale, out, lang, both);
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        } finally {
            code = removeStack(dir) ? code : 1;
        }
        Platform.exit();
        System.exit(code);
    }

    /** Removes the stack's containers, network and volumes; false (and why on stderr) when that failed. */
    private static boolean removeStack(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (StackOrchestrator stack = StackOrchestrator.open(new DockerEngineLocator(Environment.current()).locate(),
                new StackFolder(dir), Optional.empty())) {
            stack.down(true, StackEvent.Listener.NONE);
            System.out.println("removed the stack in " + dir);
            return true;
        } catch (Exception e) {
            System.err.println("could not remove the stack in " + dir + ":");
            e.printStackTrace();
            return false;
        }
    }

    private void walk(NewcomerScenario scenario, Path dir, Locale locale, Path out, String lang, boolean both) throws Exception {
        String prefix = both ? "guide-both-" : "guide-stack-";
        UiContext[] context = new UiContext[1];
        onFx(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            context[0] = scenario.app(locale, themes, current -> current.withStackDir(Optional.of(dir.toString())));
            context[0].start();
            Stage stage = new Stage();
            scene = context[0].attach(stage, 1100, 760);
            stage.show();
            return null;
        });
        try {
            fire(both ? "#mode-both" : "#mode-stack");
            shot(out, prefix + "1-mode-" + lang);
            fire("#wizard-next");
            // 2. Check this computer: the same as on the cloud path while Docker answers.
            waitFor(30, () -> !button("#wizard-next").isDisabled());
            fire("#wizard-next");

            waitFor(20, () -> onFx(() -> node("#install-local-stack").isVisible()));
            waitFor(20, () -> !button("#wizard-next").isDisabled());
            if (!both) {
                shot(out, prefix + "3-install-" + lang);
            }
            fire("#wizard-next");

            if (both) {
                // Grafana Cloud's credentials are needed: the scenario's Prometheus (basic auth) for metrics.
                waitFor(20, () -> onFx(() -> node("#credentials-name")) != null);
                NewcomerScenario.MetricsEndpoint metrics = scenario.metrics();
                for (java.util.Map.Entry<String, String> field : scenario.credentialsForm(metrics.password()).entrySet()) {
                    type(field.getKey(), field.getValue());
                }
                fire("#credentials-save");
                waitFor(20, () -> !button("#wizard-next").isDisabled());
            } else {
                waitFor(20, () -> onFx(() -> node("#wizard-credentials-local").isVisible()));
                waitFor(10, () -> !button("#wizard-next").isDisabled());
                shot(out, prefix + "4-credentials-" + lang);
            }
            fire("#wizard-next");

            waitFor(20, () -> dir.toString().equals(text("#stack-sources-folder")));
            type("#stack-sources-otlp-port", String.valueOf(StandInProcess.freePort()));
            type("#stack-sources-retention", "3");
            // A worker's /metrics page and its log files on this computer.
            Path logs = Files.createDirectories(dir.getParent().resolve("worker-logs"));
            type("#stack-sources-targets", "worker=localhost:8787/metrics");
            type("#stack-sources-logs", logs + "/*.log");
            waitFor(10, () -> !button("#wizard-next").isDisabled());
            if (!both) {
                // The local path's shot shows the sources of this computer, at the end of the step.
                onFx(() -> {
                    ((javafx.scene.control.ScrollPane) node("#stack-sources-scroll")).setVvalue(1.0);
                    return null;
                });
            }
            shot(out, prefix + "5-sources-" + lang);
            fire("#wizard-next");

            waitFor(30, () -> !button("#wizard-next").isDisabled() && !items("#stack-review-files").isEmpty());
            if (!both) {
                shot(out, prefix + "6-review-" + lang);
            }
            fire("#wizard-next");

            // Start: done when all five containers are healthy (Next comes on).
            waitFor(30, () -> onFx(() -> node("#wizard-stack-services")) != null);
            waitFor(240, () -> !button("#wizard-next").isDisabled());
            waitFor(10, () -> {
                List<StackViewModel.Row> rows = rows("#wizard-stack-services");
                return rows.size() == 5 && rows.stream().allMatch(row -> row.health() == ServiceStatus.Health.HEALTHY);
            });
            if (!both) {
                shot(out, prefix + "7-start-" + lang);
            }
            fire("#wizard-next");

            // The local stack's checks, run on entering the step.
            waitFor(120, () -> {
                List<ChecklistViewModel.Row> rows = items("#checklist-items");
                return !rows.isEmpty() && rows.stream().noneMatch(row -> row.checking() || row.result().isEmpty());
            });
            waitFor(20, () -> !button("#wizard-finish").isDisabled());
            System.out.println("checklist: " + onFx(() -> ((Label) node("#checklist-summary")).getText()));
            for (ChecklistViewModel.Row row : this.<ChecklistViewModel.Row>items("#checklist-items")) {
                String status = row.result().map(result -> result.status().name()).orElse("-");
                System.out.println("  " + row.id() + ": " + status);
            }
            if (both) {
                // The Grafana Cloud items come after the stack's own: show them.
                onFx(() -> {
                    javafx.scene.control.ListView<ChecklistViewModel.Row> list =
                            (javafx.scene.control.ListView<ChecklistViewModel.Row>) node("#checklist-items");
                    list.scrollTo(list.getItems().stream().map(ChecklistViewModel.Row::id).toList().indexOf("stack-logs-trace-id"));
                    return null;
                });
            }
            shot(out, prefix + "8-checklist-" + lang);
        } finally {
            onFx(() -> {
                context[0].agent().shutdown();
                return null;
            });
        }
    }
}
