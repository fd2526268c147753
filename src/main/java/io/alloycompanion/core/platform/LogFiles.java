package io.alloycompanion.core.platform;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log files this process is writing, as logback set them up (see {@code logback.xml}). */
public final class LogFiles {

    private LogFiles() {
    }

    /**
     * Stops and detaches every file appender writing inside {@code folder}, so the folder can be deleted on every
     * OS (Windows refuses to delete a file that is open). Log lines after this go nowhere: for when the app's data is
     * being removed and the app is about to end.
     *
     * @return the files that were closed
     */
    public static List<Path> closeIn(Path folder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return List.of();
        }
        Path root = folder.toAbsolutePath().normalize();
        record Attached(Logger logger, Appender<ILoggingEvent> appender, Path file) {
        }
        List<Attached> inFolder = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof FileAppender<ILoggingEvent> file && file.getFile() != null) {
                    Path path = Path.of(file.getFile()).toAbsolutePath().normalize();
                    if (path.startsWith(root)) {
                        inFolder.add(new Attached(logger, appender, path));
                    }
                }
            }
        }
        List<Path> closed = new ArrayList<>();
        for (Attached attached : inFolder) {
            attached.logger().detachAppender(attached.appender());
            attached.appender().stop();
            if (!closed.contains(attached.file())) {
                closed.add(attached.file());
            }
        }
        return List.copyOf(closed);
    }
}
