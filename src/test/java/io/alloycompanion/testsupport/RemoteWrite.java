package io.alloycompanion.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pushes one sample to a Prometheus remote-write receiver, the way Alloy's {@code prometheus.remote_write} does: a
 * protobuf {@code WriteRequest} with one series, snappy-framed as literals (valid snappy, just not compressed), so a
 * real Prometheus stores it and its query API can find it.
 */
public final class RemoteWrite {

    private RemoteWrite() {
    }

    /** Pushes {@code value} at {@code at} for the series {@code labels} (which must hold {@code __name__}); the status. */
    public static int push(String writeUrl, String user, String password, Map<String, String> labels, double value,
                           Instant at) throws Exception {
        byte[] body = snappyLiteral(writeRequest(labels, value, at.toEpochMilli()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(writeUrl)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code WriteRequest{timeseries=1: TimeSeries{labels=1: Label{name=1,value=2}…, samples=2: Sample{value=1,timestamp=2}}}}. */
    static byte[] writeRequest(Map<String, String> labels, double value, long millis) {
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        // Prometheus expects a series' labels sorted by name.
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            ByteArrayOutputStream pair = new ByteArrayOutputStream();
            field(pair, 1, label.getKey().getBytes(StandardCharsets.UTF_8));
            field(pair, 2, label.getValue().getBytes(StandardCharsets.UTF_8));
            field(series, 1, pair.toByteArray());
        }
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        sample.write(1 << 3 | 1);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            sample.write((int) (bits >>> (8 * i)) & 0xff);
        }
        sample.write(2 << 3);
        varint(sample, millis);
        field(series, 2, sample.toByteArray());
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        field(request, 1, series.toByteArray());
        return request.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        out.write(number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /** The snappy block format with every byte a literal: the length, then literal chunks of up to 64 KiB. */
    static byte[] snappyLiteral(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, data.length);
        for (int start = 0; start < data.length; start += 65536) {
            int length = Math.min(65536, data.length - start);
            int n = length - 1;
            if (n < 60) {
                out.write(n << 2);
            } else if (n < 256) {
                out.write(60 << 2);
                out.write(n);
            } else {
                out.write(61 << 2);
                out.write(n & 0xff);
                out.write(n >>> 8);
            }
            out.write(data, start, length);
        }
        return out.toByteArray();
    }
}
