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

    private LogRecord[] ring;
    private final long[] levelCounts = new long[LogLevel.values().length];
    private long written;
    /** Records pushed out, by newer ones or by a smaller capacity; the kept ones are {@code dropped+1..written}. */
    private long dropped;

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        ring = new LogRecord[capacity];
    }

    public synchronized int capacity() {
        return ring.length;
    }

    /**
     * Keeps at most {@code capacity} records from now on. Shrinking drops the oldest (counted as dropped, so
     * kept + dropped = written still holds); the sequence numbers of the kept records do not change.
     */
    public synchronized void resize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        if (capacity == ring.length) {
            return;
        }
        long from = Math.max(dropped + 1, written - capacity + 1);
        for (long s = dropped + 1; s < from; s++) {
            levelCounts[at(s).level().ordinal()]--;
        }
        LogRecord[] next = new LogRecord[capacity];
        for (long s = from; s <= written; s++) {
            next[(int) ((s - 1) % capacity)] = at(s);
        }
        ring = next;
        dropped = from - 1;
    }

    private LogRecord at(long seq) {
        return ring[(int) ((seq - 1) % ring.length)];
    }

    /** Stores the record with the next sequence number and returns it so numbered. */
    public synchronized LogRecord append(LogRecord record) {
        LogRecord numbered = record.withSeq(++written);
        int slot = (int) ((written - 1) % ring.length);
        if (written - dropped > ring.length) {
            levelCounts[ring[slot].level().ordinal()]--;
            dropped++;
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
        return dropped;
    }

    public synchronized int size() {
        return (int) (written - dropped);
    }

    /** The oldest sequence number still kept (written + 1 when empty). */
    public synchronized long firstSeq() {
        return dropped() + 1;
    }

    /**
     * What a reader mirroring the buffer needs in one consistent step: the kept records after {@code seq}, and how
     * many were dropped and written at that same moment.
     */
    public record Slice(List<LogRecord> records, long dropped, long written) {
    }

    public synchronized Slice slice(long seq) {
        return new Slice(since(seq), dropped, written);
    }

    /** The kept records with a sequence number above {@code seq}, oldest first. */
    public synchronized List<LogRecord> since(long seq) {
        long from = Math.max(seq + 1, dropped + 1);
        List<LogRecord> out = new ArrayList<>((int) Math.max(0, written - from + 1));
        for (long s = from; s <= written; s++) {
            out.add(at(s));
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
        for (long s = written; s > dropped && out.size() < count; s--) {
            LogRecord record = at(s);
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
