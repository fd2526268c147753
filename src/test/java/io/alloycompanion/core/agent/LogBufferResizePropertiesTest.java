package io.alloycompanion.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The buffer against a plain deque model, through any mix of appends and resizes (the setting changed live). */
class LogBufferResizePropertiesTest {

    /** An operation: a non-negative number appends that many records, a negative one resizes to its absolute value. */
    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(-25, -1))
                .list().ofMaxSize(40);
    }

    @Property(tries = 500)
    void keptPlusDroppedIsWrittenAndTheNewestAreKeptInOrder(@ForAll("operations") List<Integer> operations,
                                                             @ForAll("levels") List<LogLevel> levels) {
        LogBuffer buffer = new LogBuffer(10);
        int capacity = 10;
        Deque<LogRecord> model = new ArrayDeque<>();
        long written = 0;
        long dropped = 0;
        int next = 0;
        for (int operation : operations) {
            if (operation < 0) {
                capacity = -operation;
                buffer.resize(capacity);
            } else {
                for (int i = 0; i < operation; i++) {
                    LogLevel level = levels.isEmpty() ? LogLevel.INFO : levels.get(next++ % levels.size());
                    model.addLast(buffer.append(new LogRecord(0, "", level, "m" + written, "", "", Map.of(), "m" + written,
                            LogSource.STDERR, true)));
                    written++;
                }
            }
            while (model.size() > capacity) {
                model.removeFirst();
                dropped++;
            }
            assertThat(buffer.written()).isEqualTo(written);
            assertThat(buffer.dropped()).isEqualTo(dropped);
            assertThat(buffer.size()).isEqualTo(model.size());
            assertThat(buffer.capacity()).isEqualTo(capacity);
            assertThat(buffer.snapshot()).containsExactlyElementsOf(model);
            assertThat(buffer.firstSeq()).isEqualTo(dropped + 1);
            Map<LogLevel, Long> counts = new EnumMap<>(LogLevel.class);
            for (LogLevel level : LogLevel.values()) {
                counts.put(level, model.stream().filter(record -> record.level() == level).count());
            }
            assertThat(buffer.levelCounts()).isEqualTo(counts);
            List<LogRecord> errors = new ArrayList<>(model);
            errors.removeIf(record -> record.level() != LogLevel.ERROR);
            assertThat(buffer.lastErrors(1000)).containsExactlyElementsOf(errors);
        }
    }

    @Provide
    Arbitrary<List<LogLevel>> levels() {
        return Arbitraries.of(LogLevel.class).list().ofMaxSize(7);
    }
}
