package io.alloycompanion.bench;

import io.alloycompanion.core.agent.LogParser;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.testsupport.LogFloodWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The logfmt parser on one thread, in lines per second (one operation = one line): Alloy's sample lines (the
 * mixed set in src/test/resources/alloy-samples: start-up, graph evaluation, 401s with Go-quoted JSON inside, exporter
 * retries), and 1,000 lines of the flood probe's mix. Run with {@code mvn -P bench verify}; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogParserBenchmark {

    /** Lines in alloy-logfmt.example.log (checked at set-up). */
    private static final int SAMPLE_LINES = 20;
    private static final int FLOOD_LINES = 1000;

    private final LogParser parser = new LogParser();
    private String[] samples;
    private String[] flood;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = LogParserBenchmark.class.getResourceAsStream("/alloy-samples/alloy-logfmt.example.log")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (lines.size() != SAMPLE_LINES) {
                throw new IllegalStateException("the sample file has " + lines.size() + " lines, the benchmark counts "
                        + SAMPLE_LINES);
            }
            samples = lines.toArray(String[]::new);
        }
        flood = new String[FLOOD_LINES];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < FLOOD_LINES; i++) {
            line.setLength(0);
            LogFloodWriter.describe(i, "2026-08-21T10:15:01.901559Z", line);
            flood[i] = line.substring(0, line.length() - 1); // as BufferedReader hands it over, without the newline
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE_LINES)
    public void sampleLines(Blackhole sink) {
        for (String line : samples) {
            sink.consume(parser.parse(line, LogSource.STDERR));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLOOD_LINES)
    public void floodLines(Blackhole sink) {
        for (String line : flood) {
            sink.consume(parser.parse(line, LogSource.STDERR));
        }
    }
}
