package io.alloycompanion.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogParser;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Logs screen, FXML and controller included, over a buffer holding Alloy's sample lines. */
@ExtendWith(ApplicationExtension.class)
class LogsUiTest {

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private final LogBuffer buffer = new LogBuffer(1000);
    private List<String> lines;

    @Start
    void start(Stage stage) throws Exception {
        lines = LogsViewModelTest.sampleLines();
        LogParser parser = new LogParser();
        for (String line : lines) {
            buffer.append(parser.parse(line, LogSource.STDERR));
        }
        Localization l10n = new Localization(Locale.ENGLISH);
        LogsViewModel model = new LogsViewModel(buffer, new FxTaskExecutor(unexpected::add), l10n, System::nanoTime,
                ZoneId.of("UTC"));
        Map<Class<?>, Supplier<?>> controllers = Map.of(LogsController.class, () -> new LogsController(model, l10n));
        ViewLoader views = new ViewLoader(l10n, controllers);
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        StackPane content = new StackPane(views.load(FxmlView.LOGS).root());
        content.getStyleClass().add("content");
        Scene scene = new Scene(content, 1100, 720);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void onlyErrorsThenATextSearchLeaveTheMatchingRowsWithTheirDetail(FxRobot robot) throws Exception {
        TableView<LogRecord> table = robot.lookup("#logs-table").queryTableView();
        Label status = robot.lookup("#logs-status").queryAs(Label.class);
        waitUntil(() -> table.getItems().size() == lines.size() && status.getText().endsWith(" written"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).isEqualTo(lines.size() + " shown · 0 dropped · " + lines.size() + " written");
        long errors = lines.stream().filter(line -> line.contains("level=error")).count();
        assertThat(robot.lookup("#logs-level-error").queryAs(ToggleButton.class).getText()).isEqualTo("Error " + errors);
        assertThat(robot.lookup("#logs-level-info").queryAs(ToggleButton.class).getText()).isEqualTo("Info " + (lines.size() - errors));

        for (String level : List.of("info", "warn", "debug", "other")) {
            robot.clickOn("#logs-level-" + level);
        }
        assertThat(table.getItems()).hasSize((int) errors).allMatch(record -> record.level() == LogLevel.ERROR);
        assertThat(status.getText()).isEqualTo(errors + " shown · 0 dropped · " + lines.size() + " written");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logs-table .log-level").queryAllAs(Label.class))
                .filteredOn(Node::isVisible).extracting(Label::getText).isNotEmpty().containsOnly("Error");

        robot.clickOn("#logs-search").write("address already");
        waitUntil(() -> table.getItems().size() == 1);
        LogRecord listen = table.getItems().get(0);
        assertThat(listen.raw()).isEqualTo(lines.get(lines.size() - 1));
        assertThat(robot.lookup("#logs-table .table-row-cell .table-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .extracting(cell -> cell.getText() == null ? "" : cell.getText())
                .contains("10:21:00.000", "http",
                        "failed to listen on 127.0.0.1:12345 — listen tcp 127.0.0.1:12345: bind: address already in use");

        Button copy = robot.lookup("#logs-copy").queryButton();
        assertThat(copy.isDisabled()).isTrue();
        robot.clickOn("failed to listen on 127.0.0.1:12345 — listen tcp 127.0.0.1:12345: bind: address already in use");
        assertThat(robot.lookup("#logs-detail-fields").queryAs(TextArea.class).getText())
                .contains("msg = failed to listen on 127.0.0.1:12345").contains("service = http");
        assertThat(robot.lookup("#logs-detail-raw").queryAs(TextArea.class).getText()).isEqualTo(listen.raw());
        assertThat(copy.isDisabled()).isFalse();
        assertThat(robot.lookup("#logs-follow").queryAs(ToggleButton.class).isSelected())
                .as("a click on a line stops following").isFalse();

        // A regular expression that does not compile is explained and filters nothing out.
        robot.clickOn("#logs-regex");
        robot.interact(() -> robot.lookup("#logs-search").queryTextInputControl().setText("listen tcp ("));
        Label searchError = robot.lookup("#logs-search-error").queryAs(Label.class);
        assertThat(searchError.isVisible()).isTrue();
        assertThat(searchError.getText()).startsWith("Not a valid regular expression: Unclosed group");
        assertThat(table.getItems()).hasSize((int) errors);
        robot.interact(() -> robot.lookup("#logs-search").queryTextInputControl().setText("listen tcp \\S+: bind"));
        assertThat(searchError.isVisible()).isFalse();
        assertThat(table.getItems()).containsExactly(listen);
        assertThat(unexpected).isEmpty();
    }

    @Test
    void newLinesArriveInBatchesAndTheEmptyStateIsGone(FxRobot robot) throws Exception {
        TableView<LogRecord> table = robot.lookup("#logs-table").queryTableView();
        waitUntil(() -> table.getItems().size() == lines.size());
        for (int i = 0; i < 2000; i++) {
            buffer.append(new LogParser().parse("ts=2026-08-21T10:30:00Z level=warn msg=\"batch line " + i
                    + "\" component_id=loki.source.file.app", LogSource.STDERR));
        }
        waitUntil(() -> table.getItems().size() == 1000);
        Label status = robot.lookup("#logs-status").queryAs(Label.class);
        String expected = String.format(Locale.ENGLISH, "1,000 shown · %,d dropped · %,d written", lines.size() + 1000, lines.size() + 2000);
        waitUntil(() -> status.getText().equals(expected));
        assertThat(table.getItems().get(999).message()).isEqualTo("batch line 1999");
        // Following: the newest line is in view.
        waitUntil(() -> robot.lookup("batch line 1999").tryQuery().isPresent());
        assertThat(robot.lookup("#logs-component").queryComboBox().getItems()).contains("loki.source.file.app");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void pausedTheLineBeingReadStaysInPlaceWhileOlderLinesAreDroppedAndFollowJumpsToTheEnd(FxRobot robot) throws Exception {
        TableView<LogRecord> table = robot.lookup("#logs-table").queryTableView();
        LogParser parser = new LogParser();
        for (int i = 0; i < 980; i++) {
            buffer.append(parser.parse("ts=2026-08-21T10:30:00Z level=info msg=\"line " + i + "\" component_id=app", LogSource.STDERR));
        }
        waitUntil(() -> table.getItems().size() == 1000);
        robot.interact(() -> table.scrollTo(500));
        WaitForAsyncUtils.waitForFxEvents();
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        LogRecord top = table.getItems().get(flow.getFirstVisibleCell().getIndex());
        robot.clickOn((Node) flow.getCell(flow.getFirstVisibleCell().getIndex() + 2));
        ToggleButton follow = robot.lookup("#logs-follow").queryAs(ToggleButton.class);
        assertThat(follow.isSelected()).isFalse();

        for (int i = 980; i < 1180; i++) {
            buffer.append(parser.parse("ts=2026-08-21T10:30:01Z level=info msg=\"line " + i + "\" component_id=app", LogSource.STDERR));
        }
        waitUntil(() -> follow.getText().equals("Paused · 200 new"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().get(0).message()).as("200 older lines were dropped").isEqualTo("line 180");
        assertThat(table.getItems().get(flow.getFirstVisibleCell().getIndex()))
                .as("the line at the top is still the one the reader had there").isSameAs(top);

        robot.clickOn(follow);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(follow.getText()).isEqualTo("Follow");
        assertThat(flow.getLastVisibleCell().getIndex()).isEqualTo(table.getItems().size() - 1);
        assertThat(unexpected).isEmpty();
    }
}
