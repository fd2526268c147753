package io.alloycompanion.ui.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Agent screen's advice from the logs reads whole: wrapped to the list's width, never scrolled sideways. */
@ExtendWith(ApplicationExtension.class)
class AgentScreenUiTest {

    private AgentViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("agent-ui");
        Localization l10n = new Localization(Locale.forLanguageTag("es"));
        ProcessCommandRunner runner = new ProcessCommandRunner();
        model = new AgentViewModel(listener -> new AgentSupervisor(new LogBuffer(100), AlloyApi.loopbackClient(),
                AgentSupervisor.RestartPolicy.OFF, listener, OperatingSystem.current()),
                new AgentViewModel.Sources(Optional::empty, () -> home.resolve("config.alloy"), Optional::empty,
                        home.resolve("data"), () -> "127.0.0.1:1", new Preflight(runner, new PortProbe(),
                        new PortOwners(OperatingSystem.current(), runner), LintContext.NONE), address -> Optional.empty()),
                new FxTaskExecutor(Throwable::printStackTrace), l10n, Platform::runLater);
        ViewLoader views = new ViewLoader(l10n, Map.<Class<?>, Supplier<?>>of(AgentController.class,
                () -> new AgentController(model, l10n, location -> { })));
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        Scene scene = new Scene(views.load(FxmlView.AGENT).root(), 900, 700);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aLongInsightWrapsToTheListsWidthWithNoSidewaysScrolling(FxRobot robot) throws Exception {
        LogRecord line = LogRecord.supervisor(LogLevel.ERROR, "server returned HTTP status 401 Unauthorized");
        robot.interact(() -> model.insights().add(new Insight(Insight.Kind.METRICS_CREDENTIALS_REJECTED,
                "prometheus.remote_write.grafana_cloud", "server returned HTTP status 401 Unauthorized: "
                + "authentication error: invalid token for the instance 123456, check the username and the token's scopes",
                Optional.empty(), line)));
        WaitForAsyncUtils.waitForFxEvents();

        ListView<?> list = robot.lookup("#agent-insights").queryAs(ListView.class);
        Label text = robot.from(list).lookup(".list-cell .label").queryAs(Label.class);
        assertThat(text.getText()).startsWith("Grafana Cloud rechazó");
        assertThat(text.getWidth()).as("no wider than the list").isLessThanOrEqualTo(list.getWidth());
        assertThat(text.getHeight()).as("wrapped over three lines at this width").isGreaterThan(2.5 * text.getFont().getSize());
        Text shown = (Text) text.lookup(".text");
        assertThat(shown.getText()).as("all of it, no ellipsis").isEqualTo(text.getText());
        for (Node node : list.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                assertThat(bar.isVisible()).as("no sideways scrolling").isFalse();
            }
        }
    }
}
