package io.alloycompanion.tools;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogParser;
import io.alloycompanion.core.agent.LogPump;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.testsupport.LogFloodWriter;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import io.alloycompanion.ui.logs.LogsController;
import io.alloycompanion.ui.logs.LogsViewModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Test tool, not a test: floods the real Logs screen and measures whether it stays responsive. A child JVM
 * ({@link LogFloodWriter}) writes Alloy-like logfmt lines to its standard error at a given rate (default 50,000 lines
 * a second for 20 seconds, in per-millisecond batches); a {@link LogPump} reads them into a {@code LogBuffer(50_000)}
 * shown by the Logs screen in a window. An {@link AnimationTimer} records every FX pulse, so the longest gap between
 * pulses (and the 99th percentile) during the flood says how long the UI thread was ever busy. Also reported: heap in
 * use after a full GC at start and end, the largest heap left after any GC during the flood, and the largest heap in
 * use at all; at the end it checks that shown + dropped == written exactly and that written is what the child wrote.
 *
 * <p>Arguments: output folder for a mid-flood screenshot ({@code -} for none), language tag (en, es, pt-BR), and
 * optionally lines per second and seconds. Needs a display (Xvfb). Exit code 0 when the counts check out.
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *     io.alloycompanion.tools.LogFloodProbe docs/screenshots en
 * </pre>
 */
public final class LogFloodProbe {

    private static final Pattern CHILD_REPORT = Pattern.compile("wrote (\\d+) lines in (\\d+) ms");

    private LogFloodProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        long rate = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
        long seconds = args.length > 3 ? Long.parseLong(args[3]) : 20;
        Platform.startup(() -> { });
        boolean ok;
        try {
            ok = new LogFloodProbe().run(out, locale, rate, seconds);
        } finally {
            Platform.exit();
        }
        System.exit(ok ? 0 : 1);
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private volatile boolean flooding;
    private volatile boolean recording;
    private volatile long firstLinesStart;
    private volatile long floodStart;
    /** The JVM's start on the {@link System#nanoTime} scale, to place collections (timed from the JVM's start). */
    private final long jvmStartNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
    /** Collections during the flood: when each ended (ns) and how long it took (ms), to explain long pulse gaps. */
    private final ConcurrentLinkedQueue<long[]> gcs = new ConcurrentLinkedQueue<>();

    // Pulse times (ns), written on the FX thread only.
    private long[] pulses = new long[1 << 14];
    private int pulseCount;
    /** How long the FX thread was busy with each pulse (ns), by pulse index. */
    private final long[] busy = new long[1 << 16];
    private volatile long shotStart;
    private volatile long shotEnd;

    private boolean run(Path out, Locale locale, long rate, long seconds) throws Exception {
        LogBuffer buffer = new LogBuffer(50_000);
        Localization l10n = new Localization(locale);
        LogsViewModel[] model = new LogsViewModel[1];
        Stage[] stage = new Stage[1];
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (recording) {
                    if (pulseCount == pulses.length) {
                        pulses = Arrays.copyOf(pulses, pulses.length * 2);
                    }
                    long start = System.nanoTime();
                    int index = pulseCount;
                    pulses[pulseCount++] = start;
                    // Runs once this pulse (animations, the screen's pull, CSS, layout, hand-over to the renderer) is done.
                    Platform.runLater(() -> {
                        if (index < busy.length) {
                            busy[index] = System.nanoTime() - start;
                        }
                    });
                }
            }
        };
        onFx(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            model[0] = new LogsViewModel(buffer, new FxTaskExecutor(Throwable::printStackTrace), l10n, System::nanoTime,
                    ZoneId.systemDefault());
            ViewLoader views = new ViewLoader(l10n, Map.of(LogsController.class, () -> new LogsController(model[0], l10n)));
            StackPane content = new StackPane(views.load(FxmlView.LOGS).root());
            content.getStyleClass().add("content");
            Scene scene = new Scene(content, 1100, 720);
            themes.style(scene);
            stage[0] = new Stage();
            stage[0].setTitle("Alloy Companion: Logs under a flood");
            stage[0].setScene(scene);
            stage[0].show();
            timer.start();
        });
        Thread.sleep(1500); // the window maps and settles

        // As in a real session, Alloy's start-up lines come first: the table shows its first rows (class loading, the
        // first CSS pass of the row cells) before any flood. That one-time cost is measured apart from the flood.
        recording = true;
        firstLinesStart = System.nanoTime();
        LogParser parser = new LogParser();
        List<String> startUp;
        try (var in = LogFloodProbe.class.getResourceAsStream("/alloy-samples/alloy-logfmt.example.log")) {
            startUp = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        startUp.forEach(line -> buffer.append(parser.parse(line, LogSource.STDERR)));
        Thread.sleep(1500);

        long heapStart = usedAfterFullGc();
        watchGcs();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBinary, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LogFloodWriter.class.getName(), Long.toString(rate), Long.toString(seconds)).start();
        CompletableFuture<String> childReport = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                return in.readLine();
            } catch (Exception e) {
                return "";
            }
        });
        long fxThread = onFxGet(() -> Thread.currentThread().getId());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxCpuStart = threads.getThreadCpuTime(fxThread);
        long processCpuStart = processCpuNanos();
        floodStart = System.nanoTime();
        flooding = true;
        LogPump pump = LogPump.start("flood-stderr", child.getErrorStream(), LogSource.STDERR, new LogParser(), buffer,
                record -> { });
        if (out != null) {
            Thread.sleep(seconds * 1000 / 2);
            screenshot(stage[0], out.resolve("logs-flood-" + locale.getLanguage() + ".png"));
        }
        boolean exited = child.waitFor(seconds + 120, TimeUnit.SECONDS);
        boolean drained = pump.await(60_000);
        long floodEnd = System.nanoTime();
        long fxCpu = threads.getThreadCpuTime(fxThread) - fxCpuStart;
        long processCpu = processCpuNanos() - processCpuStart;
        // Let the screen take the last batch (it pulls ten times a second), then stop measuring.
        long written = buffer.written();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && onFxGet(() -> model[0].writtenProperty().get()) != written) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        flooding = false;
        recording = false;
        sampler.interrupt();
        long[] counts = onFxGet(() -> new long[] {model[0].all().size(), model[0].shown().size(),
                model[0].droppedProperty().get(), model[0].writtenProperty().get()});
        long heapEnd = usedAfterFullGc();
        onFx(() -> {
            timer.stop();
            stage[0].close();
        });

        Matcher report = CHILD_REPORT.matcher(childReport.get(10, TimeUnit.SECONDS));
        boolean reported = report.find();
        long childWrote = reported ? Long.parseLong(report.group(1)) : -1;
        long childMillis = reported ? Long.parseLong(report.group(2)) : -1;

        long[] gaps = gaps();
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "Log flood probe (%s): %,d lines/s asked for %d s%n", locale.toLanguageTag(), rate, seconds);
        System.out.printf(Locale.ROOT, "  before the flood, the first %d lines ever shown: longest gap between pulses %.1f ms%n",
                startUp.size(), ms(firstLinesGap()));
        System.out.printf(Locale.ROOT, "  child wrote %,d lines in %,d ms (%,.0f lines/s); exited=%s, pump drained=%s, flood %,d ms%n",
                childWrote, childMillis, childMillis > 0 ? childWrote * 1000.0 / childMillis : 0.0, exited, drained,
                (floodEnd - floodStart) / 1_000_000);
        System.out.printf(Locale.ROOT, "  FX pulses during the flood: %,d; gap between pulses: median %.1f ms, p99 %.1f ms, max %.1f ms;"
                + " gaps over 100 ms: %d%n", gaps.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
                ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), Arrays.stream(gaps).filter(g -> g > 100_000_000L).count());
        long[] work = IntStream.range(0, Math.min(pulseCount, busy.length))
                .filter(i -> pulses[i] >= floodStart).mapToLong(i -> busy[i]).filter(b -> b > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "  FX thread busy per pulse: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(percentile(work, 50)), ms(percentile(work, 99)), ms(work.length == 0 ? 0 : work[work.length - 1]));
        System.out.printf(Locale.ROOT, "  CPU during the flood: FX thread %.1f s (%.0f%% of one core), whole process %.1f s (%.0f%%)%n",
                fxCpu / 1e9, 100.0 * fxCpu / (floodEnd - floodStart), processCpu / 1e9, 100.0 * processCpu / (floodEnd - floodStart));
        if (shotEnd > 0) {
            System.out.printf(Locale.ROOT, "  (the screenshot held the FX thread %.1f ms; gaps overlapping it are left out)%n",
                    ms(shotEnd - shotStart));
        }
        for (int i = 1; i < pulseCount; i++) {
            long from = pulses[i - 1];
            long to = pulses[i];
            if (from >= floodStart && to - from > 50_000_000L && !(shotEnd > 0 && from <= shotEnd && to >= shotStart)) {
                // Time spent in collections that overlap the gap (their start and end are known to the millisecond).
                long gcMillis = gcs.stream().mapToLong(gc -> Math.max(0, Math.min(to, gc[0]) - Math.max(from, gc[0] - gc[1] * 1_000_000L)))
                        .sum() / 1_000_000L;
                System.out.printf(Locale.ROOT, "    gap of %.1f ms ending %.2f s into the flood (GC pauses in it: %d ms,"
                        + " FX thread busy with the pulse before it: %.1f ms)%n", ms(to - from), (to - floodStart) / 1e9, gcMillis,
                        ms(i - 1 < busy.length ? busy[i - 1] : 0));
            }
        }
        System.out.printf(Locale.ROOT, "  collections during the flood: %d, %d ms in total, longest %d ms%n", gcs.size(),
                gcs.stream().mapToLong(gc -> gc[1]).sum(), gcs.stream().mapToLong(gc -> gc[1]).max().orElse(0));
        System.out.printf(Locale.ROOT, "  heap used after full GC: start %s, end %s; largest after any GC during the flood %s;"
                + " largest in use %s (max heap %s)%n", mib(heapStart), mib(heapEnd), mib(peakAfterGc.get()), mib(peakUsed.get()),
                mib(memory.getHeapMemoryUsage().getMax()));
        boolean exact = counts[0] + buffer.dropped() == buffer.written() && counts[3] == buffer.written()
                && counts[2] == buffer.dropped() && counts[1] == counts[0];
        boolean complete = childWrote + startUp.size() == buffer.written();
        System.out.printf(Locale.ROOT, "  shown %,d + dropped %,d = %,d; written %,d (buffer) / %,d (child) + %d start-up lines: %s%n",
                counts[1], counts[2], counts[1] + counts[2], buffer.written(), childWrote, startUp.size(),
                exact && complete ? "exact" : "MISMATCH");
        return exact && complete && exited && drained;
    }

    /** The longest gap between pulses while the first lines were shown, before the flood. */
    private long firstLinesGap() {
        long longest = 0;
        for (int i = 1; i < pulseCount && pulses[i] <= floodStart; i++) {
            if (pulses[i - 1] >= firstLinesStart) {
                longest = Math.max(longest, pulses[i] - pulses[i - 1]);
            }
        }
        return longest;
    }

    /** Gaps between consecutive pulses during the flood, leaving out those that overlap the screenshot. */
    private long[] gaps() {
        long[] out = new long[Math.max(0, pulseCount - 1)];
        int n = 0;
        for (int i = 1; i < pulseCount; i++) {
            long from = pulses[i - 1];
            long to = pulses[i];
            if (from < floodStart || shotEnd > 0 && from <= shotEnd && to >= shotStart) {
                continue;
            }
            out[n++] = to - from;
        }
        return Arrays.copyOf(out, n);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private long usedAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Records the heap left after every collection while the flood runs (the live set, not garbage awaiting GC). */
    private void watchGcs() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!flooding || !notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    peakAfterGc.accumulateAndGet(after, Math::max);
                    gcs.add(new long[] {jvmStartNanos + (info.getGcInfo().getEndTime() + 1) * 1_000_000L,
                            info.getGcInfo().getDuration()});
                }, null, null);
            }
        }
    }

    private void screenshot(Stage stage, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        WritableImage image = onFxGet(() -> {
            shotStart = System.nanoTime();
            // As a reader would: the newest error (else warning) in view selected, so the detail pane shows its fields.
            @SuppressWarnings("unchecked")
            TableView<LogRecord> table = (TableView<LogRecord>) stage.getScene().lookup("#logs-table");
            List<LogRecord> rows = table.getItems();
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            int firstInView = flow.getFirstVisibleCell() == null ? rows.size() : flow.getFirstVisibleCell().getIndex() + 1;
            for (LogLevel level : List.of(LogLevel.ERROR, LogLevel.WARN)) {
                int newest = -1;
                for (int i = rows.size() - 1; i >= Math.max(0, firstInView) && newest < 0; i--) {
                    newest = rows.get(i).level() == level ? i : -1;
                }
                if (newest >= 0) {
                    table.getSelectionModel().select(newest);
                    break;
                }
            }
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            WritableImage shot = stage.getScene().snapshot(null);
            shotEnd = System.nanoTime();
            return shot;
        });
        // Encoding the PNG is slow; it happens here, off the FX thread.
        InstallStepScreenshots.write(image, file.toFile());
        System.out.println("wrote " + file);
    }

    private static void onFx(Runnable action) throws InterruptedException {
        onFxGet(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T onFxGet(Supplier<T> action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        Platform.runLater(() -> {
            try {
                result[0] = action.get();
            } catch (RuntimeException e) {
                failure[0] = e;
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer within 30 s");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
