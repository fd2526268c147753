package io.alloycompanion.ui.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogLevel;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import io.alloycompanion.core.stack.StackService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerLogForwarderTest {

    @Test
    void containerLinesReachTheSessionLogParsedAndNamedByTheirService() {
        LogBuffer buffer = new LogBuffer(100);
        ContainerLogForwarder forwarder = new ContainerLogForwarder(buffer);
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        forwarder.accept(new StackViewModel.LogLine(StackService.ALLOY, now,
                "ts=2026-11-21T10:00:00Z level=error msg=\"final error sending batch\" component_id=loki.write.local status=500", true));
        forwarder.accept(new StackViewModel.LogLine(StackService.TEMPO, now, "plain text from tempo", false));

        List<LogRecord> records = buffer.snapshot();
        assertThat(records).hasSize(2).allMatch(record -> record.source() == LogSource.CONTAINER);
        LogRecord alloy = records.get(0);
        assertThat(alloy.component()).isEqualTo("stack/alloy");
        assertThat(alloy.level()).isEqualTo(LogLevel.ERROR);
        assertThat(alloy.message()).isEqualTo("final error sending batch");
        assertThat(alloy.fields()).containsEntry("component_id", "loki.write.local").containsEntry("status", "500");
        assertThat(records.get(1).component()).isEqualTo("stack/tempo");
        assertThat(records.get(1).raw()).isEqualTo("plain text from tempo");
    }
}
