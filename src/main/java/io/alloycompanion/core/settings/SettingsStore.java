package io.alloycompanion.core.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json}. Writes are atomic; a file that cannot be read is moved aside (never
 * silently dropped) and the problem is handed back so the UI can tell the user where their old file went.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What loading found: the settings to use and, if the file was unreadable, where it was moved. */
    public record LoadResult(Settings settings, Optional<Problem> problem) {
    }

    /** An unreadable settings file: why, and where the user can find it now. */
    public record Problem(String reason, Path movedTo) {
    }

    private final Path file;
    private final ObjectMapper mapper;
    private final Clock clock;
    private Settings current = Settings.DEFAULTS;

    public SettingsStore(Path file) {
        this(file, Clock.systemUTC());
    }

    SettingsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Path file() {
        return file;
    }

    public synchronized LoadResult load() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            current = Settings.DEFAULTS;
            return new LoadResult(current, Optional.empty());
        }
        try {
            Settings read = mapper.readValue(content, Settings.class);
            if (read.schemaVersion() < 1) {
                throw new IllegalArgumentException("schemaVersion is missing");
            }
            current = read;
            return new LoadResult(current, Optional.empty());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Path aside = freeAsideName();
            Files.move(file, aside);
            String reason = e instanceof JsonProcessingException
                    ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
            LOG.warn("Settings file {} could not be read ({}); moved it to {} and started with defaults", file, reason, aside);
            current = Settings.DEFAULTS;
            return new LoadResult(current, Optional.of(new Problem(reason, aside)));
        }
    }

    /** {@code settings.json.corrupt-<UTC time>}, numbered when an earlier file was moved aside in the same second. */
    private Path freeAsideName() {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
        Path candidate = file.resolveSibling(base);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = file.resolveSibling(base + "-" + n);
        }
        return candidate;
    }

    public synchronized Settings current() {
        return current;
    }

    public synchronized void save(Settings settings) throws IOException {
        AtomicFiles.write(file, mapper.writeValueAsBytes(settings));
        current = settings;
    }

    /** Applies a change to the current settings and saves the result. */
    public synchronized Settings update(UnaryOperator<Settings> change) throws IOException {
        Settings next = change.apply(current);
        save(next);
        return next;
    }
}
