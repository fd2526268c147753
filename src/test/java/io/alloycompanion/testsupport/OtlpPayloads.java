package io.alloycompanion.testsupport;

/**
 * Test code only: counts the items in OTLP export requests (protobuf) by walking the wire format, as Alloy's
 * receiver counts them for {@code otelcol_receiver_accepted_*}: spans, log records and metric data points.
 *
 * <p>Field numbers from opentelemetry-proto: {@code Export*ServiceRequest.resource_* = 1}, {@code Resource*.scope_* = 2},
 * {@code Scope*.spans|log_records|metrics = 2}; a {@code Metric} holds its data in {@code gauge = 5}, {@code sum = 7},
 * {@code histogram = 9}, {@code exponential_histogram = 10} or {@code summary = 11}, each with {@code data_points = 1}.
 */
public final class OtlpPayloads {

    private static final int[] METRIC_DATA_FIELDS = {5, 7, 9, 10, 11};

    private OtlpPayloads() {
    }

    /** Spans in an {@code ExportTraceServiceRequest}. */
    public static long spans(byte[] request) {
        return count(request, 0, request.length, new int[] {1, 2, 2}, 0);
    }

    /** Log records in an {@code ExportLogsServiceRequest}. */
    public static long logRecords(byte[] request) {
        return count(request, 0, request.length, new int[] {1, 2, 2}, 0);
    }

    /** Data points over every metric of an {@code ExportMetricsServiceRequest}. */
    public static long metricPoints(byte[] request) {
        long[] points = {0};
        forEachMessage(request, 0, request.length, new int[] {1, 2, 2}, 0, (start, end) -> {
            walk(request, start, end, (field, wire, from, to) -> {
                for (int data : METRIC_DATA_FIELDS) {
                    if (field == data && wire == 2) {
                        points[0] += count(request, from, to, new int[] {1}, 0);
                    }
                }
            });
        });
        return points[0];
    }

    /** How many length-delimited fields sit at the end of {@code path} (field numbers, outermost first). */
    private static long count(byte[] buf, int from, int to, int[] path, int depth) {
        long[] found = {0};
        walk(buf, from, to, (field, wire, start, end) -> {
            if (field != path[depth] || wire != 2) {
                return;
            }
            if (depth == path.length - 1) {
                found[0]++;
            } else {
                found[0] += count(buf, start, end, path, depth + 1);
            }
        });
        return found[0];
    }

    private interface Range {
        void accept(int start, int end);
    }

    private static void forEachMessage(byte[] buf, int from, int to, int[] path, int depth, Range range) {
        walk(buf, from, to, (field, wire, start, end) -> {
            if (field != path[depth] || wire != 2) {
                return;
            }
            if (depth == path.length - 1) {
                range.accept(start, end);
            } else {
                forEachMessage(buf, start, end, path, depth + 1, range);
            }
        });
    }

    private interface Field {
        /** {@code start}/{@code end} bound the value of a length-delimited field (wire type 2); else both -1. */
        void accept(int field, int wire, int start, int end);
    }

    /** Visits every field of one message in {@code buf[from, to)}; throws IllegalArgumentException when malformed. */
    private static void walk(byte[] buf, int from, int to, Field visitor) {
        int[] at = {from};
        while (at[0] < to) {
            long key = varint(buf, at, to);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field <= 0) {
                throw new IllegalArgumentException("invalid field number at byte " + at[0]);
            }
            switch (wire) {
                case 0 -> varint(buf, at, to);
                case 1 -> skip(at, 8, to);
                case 5 -> skip(at, 4, to);
                case 2 -> {
                    long length = varint(buf, at, to);
                    if (length < 0 || at[0] + length > to) {
                        throw new IllegalArgumentException("length " + length + " runs past the message at byte " + at[0]);
                    }
                    int start = at[0];
                    at[0] += (int) length;
                    visitor.accept(field, wire, start, at[0]);
                    continue;
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wire + " at byte " + at[0]);
            }
            visitor.accept(field, wire, -1, -1);
        }
    }

    private static void skip(int[] at, int bytes, int to) {
        if (at[0] + bytes > to) {
            throw new IllegalArgumentException("truncated fixed-width field at byte " + at[0]);
        }
        at[0] += bytes;
    }

    private static long varint(byte[] buf, int[] at, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw new IllegalArgumentException("truncated varint at byte " + at[0]);
            }
            byte b = buf[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + at[0]);
    }
}
