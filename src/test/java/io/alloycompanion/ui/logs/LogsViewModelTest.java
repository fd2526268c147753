package io.alloycompanion.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogParser;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Logs screen's logic without a toolkit: the buffer is filled by the test, the clock moves when it says. */
class LogsViewModelTest {

    private static final long SECOND = 1_000_000_000L;
    private static final LogParser PARSER = new LogParser();

    @TempDir
    Path temp;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();

    private LogsViewModel model(LogBuffer buffer) {
        return new LogsViewModel(buffer, executor, new Localization(Locale.ENGLISH), now::get, ZoneOffset.UTC);
    }

    static List<String> sampleLines() throws IOException {
        try (InputStream in = LogsViewModelTest.class.getResourceAsStream("/alloy-samples/alloy-logfmt.example.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static LogBuffer samples(int capacity) throws IOException {
        LogBuffer buffer = new LogBuffer(capacity);
        for (String line : sampleLines()) {
            buffer.append(PARSER.parse(line, LogSource.STDERR));
        }
        return buffer;
    }

    private static LogRecord line(LogLevel level, String component, String text) {
        return new LogRecord(0, "", level, text, component, "", Map.of(), text, LogSource.STDERR, true);
    }

    private static void write(LogBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            buffer.append(line(LogLevel.values()[i % 4], "c" + (i % 3), "line " + i));
        }
    }

    private static void assertMirrors(LogsViewModel model, LogBuffer buffer) {
        assertThat(model.all().size() + buffer.dropped()).isEqualTo(buffer.written());
        assertThat(model.all()).containsExactlyElementsOf(buffer.snapshot());
        assertThat(model.writtenProperty().get()).isEqualTo(buffer.written());
        assertThat(model.droppedProperty().get()).isEqualTo(buffer.dropped());
    }

    @Test
    void eachPullMirrorsTheBufferExactlyInOneChangeDroppingFromTheHead() {
        LogBuffer buffer = new LogBuffer(100);
        LogsViewModel model = model(buffer);
        AtomicInteger changes = new AtomicInteger();
        model.all().addListener((ListChangeListener<LogRecord>) change -> changes.incrementAndGet());

        assertThat(model.pull().changed()).isFalse();
        assertThat(changes.get()).isZero();

        write(buffer, 30);
        assertThat(model.pull()).isEqualTo(new LogsViewModel.Pulled(30, 0));
        assertMirrors(model, buffer);

        write(buffer, 90); // 120 written, 20 pushed out: all of them were on screen
        assertThat(model.pull()).isEqualTo(new LogsViewModel.Pulled(90, 20));
        assertMirrors(model, buffer);
        assertThat(model.all().get(0).seq()).isEqualTo(21);

        write(buffer, 1000); // more than the buffer holds: nothing on screen survives, 880 were never seen
        assertThat(model.pull()).isEqualTo(new LogsViewModel.Pulled(100, 100));
        assertMirrors(model, buffer);
        assertThat(changes.get()).as("one change event per pull that changed something").isEqualTo(3);

        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            write(buffer, random.nextInt(round % 10 == 0 ? 400 : 60));
            model.pull();
            assertMirrors(model, buffer);
        }
    }

    @Test
    void aSmallerBufferSetWhileShowingDropsTheOldestFromTheScreenAtTheNextPullALargerOneKeepsMore() {
        LogBuffer buffer = new LogBuffer(100);
        LogsViewModel model = model(buffer);
        write(buffer, 80);
        model.pull();

        buffer.resize(30);
        assertThat(model.pull()).as("no new line, yet 50 left the screen").isEqualTo(new LogsViewModel.Pulled(0, 50));
        assertMirrors(model, buffer);
        assertThat(model.droppedProperty().get()).isEqualTo(50);

        buffer.resize(60);
        write(buffer, 45);
        model.pull();
        assertMirrors(model, buffer);
        assertThat(model.all()).hasSize(60);
        assertThat(model.droppedProperty().get()).isEqualTo(65);
    }

    @Test
    void pullsWhileAWriterFloodsEndExactOnceItStops() throws Exception {
        LogBuffer buffer = new LogBuffer(5_000);
        LogsViewModel model = model(buffer);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            write(buffer, 300_000);
            done.set(true);
        });
        writer.start();
        int pulls = 0;
        while (!done.get()) {
            model.pull();
            pulls++;
            // The held records are always a gap-free run ending at the newest one pulled.
            List<LogRecord> all = model.all();
            if (!all.isEmpty()) {
                assertThat(all.get(all.size() - 1).seq() - all.get(0).seq() + 1).isEqualTo(all.size());
                assertThat(all.size() + model.droppedProperty().get()).isEqualTo(model.writtenProperty().get());
            }
        }
        writer.join();
        model.pull();
        assertThat(pulls).isPositive();
        assertMirrors(model, buffer);
        assertThat(buffer.written()).isEqualTo(300_000);
    }

    @Test
    void levelComponentTextAndRegexFiltersCombine() throws IOException {
        LogBuffer buffer = samples(1000);
        LogsViewModel model = model(buffer);
        model.pull();
        int total = sampleLines().size();
        assertThat(model.shown()).hasSize(total);

        for (LogLevel level : List.of(LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.UNKNOWN)) {
            model.levelShownProperty(level).set(false);
        }
        assertThat(model.shown()).isNotEmpty().allMatch(record -> record.level() == LogLevel.ERROR);
        assertThat(model.shown()).hasSize((int) sampleLines().stream().filter(l -> l.contains("level=error")).count());

        assertThat(model.components()).startsWith(LogsViewModel.ALL_COMPONENTS)
                .contains("http", "loki.write.grafana_cloud", "prometheus.remote_write.default");
        assertThat(model.components().subList(1, model.components().size())).isSorted();
        model.componentProperty().set("http");
        assertThat(model.shown()).extracting(LogRecord::message)
                .containsExactly("failed to reload config", "failed to listen on 127.0.0.1:12345");

        model.searchProperty().set("ADDRESS ALREADY");
        assertThat(model.shown()).extracting(LogRecord::message).containsExactly("failed to listen on 127.0.0.1:12345");
        assertThat(model.searchErrorProperty().get()).isEmpty();

        model.componentProperty().set(LogsViewModel.ALL_COMPONENTS);
        model.searchProperty().set("status=40[14]|HTTP status 401");
        assertThat(model.shown()).as("as text, the pipe is just a character").isEmpty();
        model.regexProperty().set(true);
        assertThat(model.shown()).extracting(LogRecord::component)
                .containsExactly("prometheus.remote_write.default", "loki.write.grafana_cloud");

        model.searchProperty().set("dropping data)");
        assertThat(model.searchErrorProperty().get()).startsWith("Not a valid regular expression: Unmatched closing ')'");
        assertThat(model.shown()).as("an invalid expression does not filter").hasSize(
                (int) sampleLines().stream().filter(l -> l.contains("level=error")).count());
        model.regexProperty().set(false);
        assertThat(model.searchErrorProperty().get()).isEmpty();
        assertThat(model.shown()).as("as text it matches nothing").isEmpty();
        model.searchProperty().set("Dropping DATA");
        assertThat(model.shown()).extracting(LogRecord::component)
                .containsExactly("loki.write.grafana_cloud", "otelcol.exporter.otlp.otlpgateway");

        model.searchProperty().set("");
        for (LogLevel level : LogLevel.values()) {
            model.levelShownProperty(level).set(true);
        }
        assertThat(model.shown()).hasSize(total);
    }

    @Test
    void newLinesAreFilteredAsTheyArriveAndCountsComeFromTheBuffer() {
        LogBuffer buffer = new LogBuffer(10);
        LogsViewModel model = model(buffer);
        model.levelShownProperty(LogLevel.INFO).set(false);
        buffer.append(line(LogLevel.INFO, "a", "one"));
        buffer.append(line(LogLevel.ERROR, "a", "two"));
        buffer.append(line(LogLevel.WARN, "b", "three"));
        model.pull();
        assertThat(model.shown()).extracting(LogRecord::message).containsExactly("two", "three");
        assertThat(model.countProperty(LogLevel.INFO).get()).isEqualTo(1);
        assertThat(model.countProperty(LogLevel.ERROR).get()).isEqualTo(1);
        assertThat(model.statusText().get()).isEqualTo("2 shown · 0 dropped · 3 written");

        for (int i = 0; i < 10; i++) {
            buffer.append(line(LogLevel.DEBUG, "c", "debug " + i));
        }
        model.pull();
        assertThat(model.countProperty(LogLevel.ERROR).get()).as("pushed out of the buffer").isZero();
        assertThat(model.countProperty(LogLevel.DEBUG).get()).isEqualTo(10);
        assertThat(model.shown()).hasSize(10).allMatch(record -> record.level() == LogLevel.DEBUG);
        assertThat(model.statusText().get()).isEqualTo("10 shown · 3 dropped · 13 written");
    }

    @Test
    void pausingKeepsMirroringAndCountsWhatArrivedUntilResumed() {
        LogBuffer buffer = new LogBuffer(50);
        LogsViewModel model = model(buffer);
        write(buffer, 20);
        model.pull();
        model.followProperty().set(false);
        write(buffer, 45);
        model.pull();
        write(buffer, 5);
        model.pull();
        assertThat(model.newWhilePausedProperty().get()).isEqualTo(50);
        assertMirrors(model, buffer);
        assertThat(model.all().get(model.all().size() - 1).seq()).as("nothing held back while paused").isEqualTo(70);

        model.followProperty().set(true);
        assertThat(model.newWhilePausedProperty().get()).isZero();
        write(buffer, 3);
        model.pull();
        assertThat(model.newWhilePausedProperty().get()).isZero();
        assertMirrors(model, buffer);
    }

    @Test
    void linesPerSecondAreWholeSecondBucketsOfTheWrittenCount() {
        LogBuffer buffer = new LogBuffer(100_000);
        LogsViewModel model = model(buffer);
        write(buffer, 10); // before the first pull: not part of any second
        model.pull();
        assertThat(model.rateHistoryProperty().get()).isEmpty();

        write(buffer, 300);
        now.addAndGet(SECOND / 2);
        model.pull();
        write(buffer, 200);
        now.addAndGet(SECOND / 2);
        model.pull();
        assertThat(model.rateHistoryProperty().get()).containsExactly(500L);
        assertThat(model.rateText().get()).isEqualTo("500 lines/s");

        // A pull three seconds later spreads its lines evenly over the seconds it covers.
        write(buffer, 3000);
        now.addAndGet(3 * SECOND);
        model.pull();
        assertThat(model.rateHistoryProperty().get()).containsExactly(500L, 1000L, 1000L, 1000L);

        now.addAndGet(SECOND);
        model.pull();
        assertThat(model.linesPerSecondProperty().get()).isZero();

        for (int second = 0; second < 100; second++) {
            write(buffer, second);
            now.addAndGet(SECOND);
            model.pull();
        }
        List<Long> history = model.rateHistoryProperty().get();
        assertThat(history).hasSize(LogsViewModel.HISTORY_SECONDS);
        assertThat(history.get(0)).isEqualTo(40L);
        assertThat(history.get(history.size() - 1)).isEqualTo(99L);
        assertThat(model.rateText().get()).isEqualTo("99 lines/s");
    }

    @Test
    void copyDetailMessageAndTimeShowTheLineAsWritten() throws IOException {
        LogBuffer buffer = samples(100);
        LogsViewModel model = model(buffer);
        model.pull();
        List<String> lines = sampleLines();
        LogRecord wal = model.all().stream().filter(r -> r.message().startsWith("replaying WAL")).findFirst().orElseThrow();
        LogRecord listen = model.all().get(model.all().size() - 1);

        assertThat(model.copyText(List.of(wal, listen)))
                .isEqualTo(lines.get(5) + "\n" + lines.get(lines.size() - 1) + "\n");
        assertThat(model.localTime(wal)).isEqualTo("10:15:01.901");
        assertThat(model.detailText(wal)).isEqualTo(String.join("\n",
                "ts = 2026-08-21T10:15:01.901559Z",
                "level = info",
                "msg = replaying WAL, this may take a while",
                "component_id = prometheus.remote_write.default",
                "component_path = /",
                "subcomponent = wal",
                "dir = /var/lib/alloy/data/prometheus.remote_write.default/wal"));
        assertThat(model.detailText(listen)).isEqualTo(String.join("\n",
                "ts = 2026-08-21T10:21:00.000000Z",
                "level = error",
                "msg = failed to listen on 127.0.0.1:12345",
                "service = http",
                "err = listen tcp 127.0.0.1:12345: bind: address already in use"));
        assertThat(model.messageText(listen))
                .isEqualTo("failed to listen on 127.0.0.1:12345 — listen tcp 127.0.0.1:12345: bind: address already in use");
        assertThat(model.messageText(wal)).isEqualTo("replaying WAL, this may take a while");

        LogRecord plain = PARSER.parse("panic: runtime error: index out of range", LogSource.STDERR);
        assertThat(model.detailText(plain)).isEqualTo("This line is neither logfmt nor JSON: only its text is kept.");
        assertThat(model.localTime(plain)).isEmpty();
    }

    @Test
    void exportWritesTheShownLinesAsLogAndAsJsonLinesThatReadBack() throws IOException {
        LogBuffer buffer = samples(100);
        buffer.append(PARSER.parse("panic: something \"quoted\" went wrong", LogSource.STDOUT));
        buffer.append(PARSER.parse("ts=2026-08-21T10:22:00Z level=debug msg=\"not exported: filtered out\"", LogSource.STDERR));
        buffer.append(LogRecord.supervisor(LogLevel.INFO, "Alloy exited with code 0"));
        LogsViewModel model = model(buffer);
        model.pull();
        model.levelShownProperty(LogLevel.DEBUG).set(false); // a filter: only what is shown is exported
        Path log = temp.resolve("out/alloy.log");
        Path jsonl = temp.resolve("out/alloy.jsonl");

        model.export(log, LogsViewModel.ExportFormat.LOG);
        assertThat(model.exportingProperty().get()).isTrue();
        assertThat(log).doesNotExist();
        executor.runAll();
        assertThat(model.exportingProperty().get()).isFalse();
        List<String> expected = new ArrayList<>(sampleLines());
        expected.add("panic: something \"quoted\" went wrong");
        expected.add("Alloy exited with code 0");
        assertThat(Files.readAllLines(log)).containsExactlyElementsOf(expected);
        assertThat(model.messageProperty().get()).isEqualTo("Exported " + expected.size() + " lines to " + log);
        assertThat(model.messageIsErrorProperty().get()).isFalse();

        model.export(jsonl, LogsViewModel.ExportFormat.JSONL);
        executor.runAll();
        List<String> jsonLines = Files.readAllLines(jsonl);
        assertThat(jsonLines).hasSize(expected.size());
        ObjectMapper mapper = new ObjectMapper();
        Iterator<LogRecord> records = model.shown().iterator();
        for (String text : jsonLines) {
            JsonNode node = mapper.readTree(text);
            LogRecord record = records.next();
            assertThat(node.get("ts").isNull() ? "" : node.get("ts").asText()).isEqualTo(record.time());
            assertThat(node.get("level").asText()).isEqualTo(record.level().id());
            assertThat(node.get("msg").asText()).isEqualTo(record.message());
            assertThat(node.get("component").isNull() ? "" : node.get("component").asText()).isEqualTo(record.component());
            assertThat(node.get("path").isNull() ? "" : node.get("path").asText()).isEqualTo(record.path());
            assertThat(mapper.convertValue(node.get("fields"), Map.class)).isEqualTo(record.fields());
            assertThat(node.get("source").asText()).isEqualTo(record.source() == LogSource.SUPERVISOR ? "supervisor"
                    : record.source() == LogSource.STDOUT ? "stdout" : "stderr");
            assertThat(node.fieldNames()).toIterable()
                    .containsExactly("ts", "level", "msg", "component", "path", "fields", "source");
        }
        JsonNode remoteWrite = mapper.readTree(jsonLines.stream().filter(l -> l.contains("non-recoverable")).findFirst().orElseThrow());
        assertThat(remoteWrite.get("fields").get("err").asText())
                .isEqualTo("server returned HTTP status 401 Unauthorized: {\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
        assertThat(remoteWrite.get("component").asText()).isEqualTo("prometheus.remote_write.default");
        assertThat(remoteWrite.get("path").asText()).isEqualTo("/remotecfg/self_monitoring_metrics.default");
        try (var files = Files.list(temp.resolve("out"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no temporary file left beside the exports").containsExactlyInAnyOrder("alloy.log", "alloy.jsonl");
        }
        assertThat(executor.unexpected()).isEmpty();
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhereAndWhy() throws IOException {
        LogBuffer buffer = samples(100);
        LogsViewModel model = model(buffer);
        model.pull();
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        model.export(notAFolder.resolve("alloy.log"), LogsViewModel.ExportFormat.LOG);
        executor.runAll();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Could not export to " + notAFolder.resolve("alloy.log") + ": ")
                .endsWith("Choose another folder, or check that the disk has space.");
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(executor.unexpected()).isEmpty();
    }
}
