package io.alloycompanion.core.agent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} log records, with an exact count of those pushed out: {@code size() + dropped() ==
 * written()} at every moment. Readers pull what is new since a sequence number, so a UI can take a flood in batches
 * (one per frame) instead of one event per line. Thread-safe; appends are O(1) and never block on a reader for longer
 * than a copy of the new records.
 */
public final class LogBuffer {

    public static final int DEFAULT_CAPACITY = 50_000;

    private final LogRecord[] ring;
    private final long[] levelCounts = new long[LogLevel.values().length];
    private long written;

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        ring = new LogRecord[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** Stores the record with the next sequence number and returns it so numbered. */
    public synchronized LogRecord append(LogRecord record) {
        LogRecord numbered = record.withSeq(++written);
        int slot = (int) ((written - 1) % ring.length);
        LogRecord evicted = ring[slot];
        if (evicted != null) {
            levelCounts[evicted.level().ordinal()]--;
        }
        ring[slot] = numbered;
        levelCounts[numbered.level().ordinal()]++;
        return numbered;
    }

    /** Records written so far, kept or not. */
    public synchronized long written() {
        return written;
    }

    /** Records pushed out by newer ones. */
    public synchronized long dropped() {
        return Math.max(0, written - ring.length);
    }

    public synchronized int size() {
        return (int) Math.min(written, ring.length);
    }

    /** The oldest sequence number still kept (written + 1 when empty). */
    public synchronized long firstSeq() {
        return dropped() + 1;
    }

    /** The kept records with a sequence number above {@code seq}, oldest first. */
    public synchronized List<LogRecord> since(long seq) {
        long from = Math.max(seq + 1, dropped() + 1);
        List<LogRecord> out = new ArrayList<>((int) Math.max(0, written - from + 1));
        for (long s = from; s <= written; s++) {
            out.add(ring[(int) ((s - 1) % ring.length)]);
        }
        return out;
    }

    /** Everything kept, oldest first. */
    public List<LogRecord> snapshot() {
        return since(0);
    }

    /** How many kept records have each level. */
    public synchronized Map<LogLevel, Long> levelCounts() {
        Map<LogLevel, Long> out = new EnumMap<>(LogLevel.class);
        for (LogLevel level : LogLevel.values()) {
            out.put(level, levelCounts[level.ordinal()]);
        }
        return out;
    }

    /** The last {@code count} kept records at or above ERROR (for a crash report). */
    public synchronized List<LogRecord> lastErrors(int count) {
        List<LogRecord> out = new ArrayList<>();
        for (long s = written; s > dropped() && out.size() < count; s--) {
            LogRecord record = ring[(int) ((s - 1) % ring.length)];
            if (record.level() == LogLevel.ERROR) {
                out.add(0, record);
            }
        }
        return out;
    }

    /** The last {@code count} kept records, oldest first. */
    public synchronized List<LogRecord> tail(int count) {
        return since(Math.max(0, written - count));
    }
}
