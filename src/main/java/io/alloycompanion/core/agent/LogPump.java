package io.alloycompanion.core.agent;

import io.alloycompanion.core.platform.ThreadPools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a process line by line on its own thread, parses each line into the buffer, and hands
 * the numbered record on (for insights). Ends when the stream does (the process exited or was killed).
 */
public final class LogPump {

    private final Thread thread;

    private LogPump(Thread thread) {
        this.thread = thread;
    }

    /**
     * @param onRecord called on the pump's thread for every record; keep it cheap (a UI pulls from the buffer instead)
     */
    public static LogPump start(String name, InputStream stream, LogSource source, LogParser parser, LogBuffer buffer,
                                Consumer<LogRecord> onRecord) {
        Thread thread = ThreadPools.daemonThreads(name).newThread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onRecord.accept(buffer.append(parser.parse(line, source)));
                }
            } catch (IOException e) {
                // The stream closed under us: the process is gone and everything it wrote was read.
            }
        });
        thread.start();
        return new LogPump(thread);
    }

    /** Waits until everything the stream held was read, at most {@code millis}. */
    public boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }
}
