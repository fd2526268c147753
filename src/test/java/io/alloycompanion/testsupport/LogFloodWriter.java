package io.alloycompanion.testsupport;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.LockSupport;

/**
 * Test code, run as its own process: writes Alloy-like logfmt lines (the shapes of the sample file: graph evaluation,
 * scrapes, WAL, exporters retrying, 401s from Grafana Cloud) to standard error at a steady rate, in one batch per
 * millisecond, then prints {@code wrote N lines in T ms} on standard output and exits.
 *
 * <p>Arguments: lines per second (default 50000), seconds (default 20).
 */
public final class LogFloodWriter {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] SCRAPES = {"prometheus.scrape.app", "prometheus.scrape.node", "prometheus.scrape.alloy"};

    private LogFloodWriter() {
    }

    public static void main(String[] args) throws IOException {
        long rate = args.length > 0 ? Long.parseLong(args[0]) : 50_000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16);
        StringBuilder line = new StringBuilder(512);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long written = 0;
        for (long tick = 1; ; tick++) {
            long now = System.nanoTime();
            long due = Math.min(now, end) - start;
            long target = rate * due / 1_000_000_000L;
            String ts = TS.format(Instant.now());
            while (written < target) {
                line.setLength(0);
                describe(written, ts, line);
                err.write(line.toString().getBytes(StandardCharsets.UTF_8));
                written++;
            }
            err.flush();
            if (now >= end) {
                break;
            }
            long next = start + tick * 1_000_000L;
            if (next > now) {
                LockSupport.parkNanos(next - now);
            } else {
                tick = (now - start) / 1_000_000L; // behind (the reader was slow): catch up, do not spin
            }
        }
        err.flush();
        System.out.println("wrote " + written + " lines in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.out.flush();
    }

    /** Line {@code n}: 53 % info, 38 % debug, 6 % warnings, 3 % errors, from eight components. */
    public static void describe(long n, String ts, StringBuilder out) {
        out.append("ts=").append(ts).append(' ');
        int kind = (int) (n * 61 % 100); // every kind once per 100 lines, interleaved rather than in runs
        if (kind < 2) {
            out.append("level=error msg=\"final error sending batch, no retries left, dropping data\" component_path=/ ")
                    .append("component_id=loki.write.grafana_cloud component=endpoint host=logs-prod-006.grafana.net status=401 ")
                    .append("tenant=\"\" error=\"server returned HTTP status 401 Unauthorized (401): invalid token\"");
        } else if (kind < 3) {
            out.append("level=error msg=\"non-recoverable error\" component_path=/ component_id=prometheus.remote_write.default ")
                    .append("subcomponent=rw remote_name=90589e url=https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push ")
                    .append("failedSampleCount=").append(100 + n % 400).append(" failedHistogramCount=0 failedExemplarCount=0 ")
                    .append("err=\"server returned HTTP status 401 Unauthorized: {\\\"status\\\":\\\"error\\\",\\\"error\\\":")
                    .append("\\\"authentication error: invalid token\\\"}\"");
        } else if (kind < 9) {
            out.append("level=warn msg=\"Exporting failed. Will retry the request after interval.\" component_path=/ ")
                    .append("component_id=otelcol.exporter.otlp.otlpgateway error=\"rpc error: code = Unavailable desc = ")
                    .append("last resolver error: produced zero addresses\" interval=").append(1 + n % 7).append('.')
                    .append(100 + n % 900).append("s");
        } else if (kind < 40) {
            out.append("level=info msg=\"finished node evaluation\" controller_path=/ controller_id=\"\" trace_id=")
                    .append(Long.toHexString(0x95e782c0c419b590L ^ n)).append(Long.toHexString(0x2f40e848d080fL + n))
                    .append(" node_id=").append(SCRAPES[(int) (n % SCRAPES.length)]).append(" duration=")
                    .append(n % 900 + 100).append(".").append(n % 10).append("µs");
        } else if (kind < 55) {
            out.append("level=info msg=\"tailer running\" component_path=/ component_id=loki.source.file.app path=/var/log/app/")
                    .append("worker-").append(n % 16).append(".log");
        } else if (kind < 60) {
            out.append("level=info msg=\"Done replaying WAL\" component_path=/ component_id=prometheus.remote_write.default ")
                    .append("subcomponent=rw remote_name=90589e duration=").append(n % 5000).append("ms");
        } else if (kind < 62) {
            out.append("level=info msg=\"reload requested via /-/reload endpoint\" service=http");
        } else {
            out.append("level=debug msg=\"scrape completed\" component_path=/ component_id=")
                    .append(SCRAPES[(int) (n % SCRAPES.length)]).append(" target=http://127.0.0.1:").append(9000 + n % 50)
                    .append("/metrics samples=").append(n % 2000).append(" duration=").append(n % 90).append("ms");
        }
        out.append('\n');
    }
}
