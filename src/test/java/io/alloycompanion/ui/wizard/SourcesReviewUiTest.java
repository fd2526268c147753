package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Both steps' real FXML in the wizard frame: type a target, see it checked, review the diff, Next writes the file. */
@ExtendWith(ApplicationExtension.class)
class SourcesReviewUiTest {

    @TempDir
    Path temp;

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private SettingsWriter settings;
    private Path config;
    private WizardViewModel wizard;

    @Start
    void start(Stage stage) throws Exception {
        Localization l10n = new Localization(Locale.ENGLISH);
        SettingsStore store = new SettingsStore(temp.resolve("settings.json"));
        store.load();
        settings = new SettingsWriter(store, unexpected::add);
        config = temp.resolve("data").resolve("config.alloy");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "// the config from before\nlogging {\n\tlevel = \"debug\"\n}\n");

        FxTaskExecutor executor = new FxTaskExecutor(unexpected::add);
        ModeStep mode = new ModeStep();
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        SourcesStep sources = new SourcesStep(mode, () -> Optional.of(SourcesStepTest.profile("dev", "123456")), settings,
                executor, l10n);
        ReviewStep review = new ReviewStep(sources, settings, config, LintContext.NONE, executor, l10n);
        ModeStep after = new ModeStep(); // stands in for the steps that follow Review
        wizard = new WizardViewModel(List.of(sources, review, after), state -> { });
        ViewLoader[] views = new ViewLoader[1];
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                WizardController.class, () -> new WizardController(wizard, views[0], l10n),
                SourcesStepController.class, () -> new SourcesStepController(sources, wizard, l10n),
                ReviewStepController.class, () -> new ReviewStepController(review),
                ModeStepController.class, () -> new ModeStepController(after, wizard));
        views[0] = new ViewLoader(l10n, controllers);
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        wizard.start(WizardState.NOT_STARTED);
        Scene scene = new Scene(views[0].load(FxmlView.WIZARD).root(), 1000, 720);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void finishWrites() throws Exception {
        settings.updateAndFinish(current -> current, Duration.ofSeconds(5));
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void aTypedTargetIsCheckedReviewedAsADiffAndWrittenOnNext(FxRobot robot) throws Exception {
        Button next = robot.lookup("#wizard-next").queryButton();
        TextField metricsUrl = robot.lookup("#sources-url-metrics").queryAs(TextField.class);
        waitUntil(() -> metricsUrl.getText().equals(SourcesStepTest.METRICS_URL));
        assertThat(robot.lookup("#sources-user-metrics").queryAs(TextField.class).getText()).isEqualTo("123456");
        assertThat(robot.lookup("#sources-profile-note").queryAs(Label.class).getText()).contains("dev");
        waitUntil(() -> !next.isDisabled());

        // The suggested row is editable: replace the worker's address and type it as a user would.
        TextField address = robot.lookup("#sources-address-1").queryAs(TextField.class);
        Label addressError = robot.lookup("#sources-address-1-error").queryAs(Label.class);
        assertThat(addressError.isVisible()).isFalse();
        robot.doubleClickOn(address).press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        robot.write("localhost");
        assertThat(address.getText()).isEqualTo("localhost");
        assertThat(addressError.isVisible()).isTrue();
        assertThat(addressError.getText()).isEqualTo("Add the port: localhost:PORT.");
        assertThat(address.getPseudoClassStates()).extracting(Object::toString).contains("danger");
        assertThat(next.isDisabled()).isTrue();
        assertThat(robot.lookup("#sources-problem").queryAs(Label.class).getText()).isEqualTo("Fix the fields marked in red to go on.");
        robot.write(":9464");
        assertThat(addressError.isVisible()).isFalse();
        assertThat(next.isDisabled()).isFalse();

        // A second target through the Add button; the new row has the focus.
        robot.clickOn("#sources-add-target");
        TextField job2 = robot.lookup("#sources-job-2").queryAs(TextField.class);
        waitUntil(job2::isFocused);
        robot.write("api");
        robot.type(KeyCode.TAB).write("localhost:8080");
        assertThat(robot.lookup("#sources-address-2").queryAs(TextField.class).getText()).isEqualTo("localhost:8080");
        assertThat(next.isDisabled()).isFalse();

        // Moving the focus below the fold (as Tab does) scrolls the form to it.
        ScrollPane scroll = robot.lookup("#sources-scroll").queryAs(ScrollPane.class);
        assertThat(scroll.getVvalue()).isZero();
        robot.interact(() -> robot.lookup("#sources-user-otlp").query().requestFocus());
        assertThat(scroll.getVvalue()).isGreaterThan(0.5);

        robot.clickOn(next);
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Review the config");
        TextArea diff = robot.lookup("#review-diff").queryAs(TextArea.class);
        waitUntil(() -> diff.getText().contains("+prometheus.scrape \"api\" {"));
        assertThat(diff.getText()).startsWith("--- a/config.alloy\n+++ b/config.alloy\n")
                .contains("-// the config from before")
                .contains("\"__address__\" = \"localhost:9464\"")
                .contains("+\tscrape_interval = \"15s\"");
        TabPane tabs = robot.lookup("#review-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("review-diff-tab");
        assertThat(robot.lookup("#review-status").queryAs(Label.class).getText())
                .isEqualTo("Next writes these changes to " + config + "; the current version is kept as config.alloy.bak.");
        assertThat(robot.lookup("#review-checks-ok").queryAs(Label.class).isVisible()).isTrue();
        String generated = robot.lookup("#review-config").queryAs(TextArea.class).getText();
        assertThat(generated).contains("prometheus.remote_write \"metrics_service\"").doesNotContain("glc_");
        waitUntil(() -> !next.isDisabled());

        robot.clickOn(next);
        waitUntil(() -> wizard.indexProperty().get() == 2);
        assertThat(Files.readString(config)).isEqualTo(generated);
        assertThat(Files.readString(config.resolveSibling("config.alloy.bak"))).startsWith("// the config from before");

        // Back on Review, the file now holds the config: no change, and Next writes nothing.
        robot.clickOn("#wizard-back");
        Label status = robot.lookup("#review-status").queryAs(Label.class);
        waitUntil(() -> status.getText().startsWith("No change:"));
        assertThat(tabs.getTabs()).extracting(tab -> tab.getId()).containsExactly("review-config-tab");
        assertThat(unexpected).isEmpty();
    }
}
