package io.alloycompanion.bench;

import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.printer.Printer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse, and parse + print, of configs of a given number of lines (a realistic mix of blocks, attributes, comments,
 * lists and objects). Run with {@code mvn -P bench verify}; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigSyntaxBenchmark {

    @Param({"2000", "10000"})
    public int lines;

    private String text;

    @Setup
    public void setUp() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (countLines(out) < lines) {
            out.append("// Scrape job ").append(i).append(": the worker's metrics, every 15s.\n")
                    .append("prometheus.scrape \"worker_").append(i).append("\" {\n")
                    .append("\ttargets    = [{\"__address__\" = \"localhost:").append(8000 + i % 1000).append("\", \"env\" = \"dev\"}]\n")
                    .append("\tforward_to = [prometheus.remote_write.metrics_service.receiver]\n")
                    .append("\tscrape_interval = \"15s\" // keep in step with the dashboard\n\n")
                    .append("\tclustering {\n\t\tenabled = false\n\t}\n}\n\n")
                    .append("loki.write \"sink_").append(i).append("\" {\n\tendpoint {\n")
                    .append("\t\turl = \"https://logs-prod-012.grafana.net/loki/api/v1/push\"\n\n")
                    .append("\t\tbasic_auth {\n\t\t\tusername = \"7654321\"\n\t\t\tpassword = sys.env(\"GCLOUD_RW_API_KEY\")\n\t\t}\n\t}\n")
                    .append("\texternal_labels = {\n\t\tcluster = \"local\",\n\t\tteam    = \"core\",\n\t}\n}\n\n");
            i++;
        }
        text = out.toString();
        System.out.printf("%n%d lines, %d bytes%n", countLines(out), text.length());
    }

    private static int countLines(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    @Benchmark
    public ParseResult parse() {
        return Parser.parse("bench.alloy", text);
    }

    @Benchmark
    public String parseAndPrint() {
        return Printer.print(Parser.parse("bench.alloy", text).file());
    }
}
