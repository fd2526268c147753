package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    private static LogRecord line(LogLevel level, int n) {
        return new LogRecord(0, "", level, "line " + n, "", "", java.util.Map.of(), "line " + n, LogSource.STDERR, true);
    }

    @Test
    void keepsTheNewestAndCountsWhatItDroppedExactly() {
        LogBuffer buffer = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) {
            buffer.append(line(i == 4 ? LogLevel.ERROR : LogLevel.INFO, i));
        }
        assertThat(buffer.written()).isEqualTo(5);
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.snapshot()).extracting(LogRecord::seq).containsExactly(3L, 4L, 5L);
        assertThat(buffer.since(4)).extracting(LogRecord::message).containsExactly("line 5");
        assertThat(buffer.since(0)).hasSize(3);
        assertThat(buffer.levelCounts()).containsEntry(LogLevel.INFO, 2L).containsEntry(LogLevel.ERROR, 1L);
        assertThat(buffer.lastErrors(5)).extracting(LogRecord::message).containsExactly("line 4");
        assertThat(buffer.tail(2)).extracting(LogRecord::seq).containsExactly(4L, 5L);
    }

    @Test
    void aReaderPullingWhileAWriterFloodsSeesEveryKeptRecordOnceAndInOrder() throws Exception {
        LogBuffer buffer = new LogBuffer(1000);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                buffer.append(line(LogLevel.INFO, i));
            }
            done.set(true);
        });
        writer.start();
        long last = 0;
        long seen = 0;
        List<Long> gaps = new ArrayList<>();
        while (!done.get() || last < buffer.written()) {
            List<LogRecord> batch = buffer.since(last);
            for (LogRecord record : batch) {
                if (record.seq() != last + 1) {
                    gaps.add(record.seq() - last - 1);
                }
                last = record.seq();
                seen++;
            }
        }
        writer.join();
        long skipped = gaps.stream().mapToLong(Long::longValue).sum();
        assertThat(seen + skipped).as("seen + pushed out before being seen = written").isEqualTo(200_000);
        assertThat(buffer.size() + buffer.dropped()).isEqualTo(buffer.written());
    }
}
