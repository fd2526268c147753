package io.alloycompanion.ui.stack;

import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogParser;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.LogSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts the local stack's container lines into the session log the Logs screen shows: parsed like Alloy's own lines
 * (logfmt or JSON, so levels and messages come out), each service as its own component ({@code stack/tempo}, …) to
 * filter on; the component a line named itself (an Alloy component id) is kept as a field.
 */
public final class ContainerLogForwarder implements Consumer<StackViewModel.LogLine> {

    /** The component prefix of container lines. */
    public static final String COMPONENT_PREFIX = "stack/";

    private final LogBuffer buffer;
    private final LogParser parser = new LogParser();

    public ContainerLogForwarder(LogBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void accept(StackViewModel.LogLine line) {
        LogRecord parsed = parser.parse(line.text(), LogSource.CONTAINER);
        Map<String, String> fields = new LinkedHashMap<>(parsed.fields());
        if (!parsed.component().isEmpty()) {
            fields.putIfAbsent("component_id", parsed.component());
        }
        buffer.append(new LogRecord(parsed.seq(), parsed.time(), parsed.level(), parsed.message(),
                COMPONENT_PREFIX + line.service().id(), parsed.path(), fields, parsed.raw(), LogSource.CONTAINER, parsed.parsed()));
    }
}
