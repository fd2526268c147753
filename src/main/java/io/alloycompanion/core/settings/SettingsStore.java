package io.alloycompanion.core.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * silently dropped) and the problem is handed back so the UI can tell the user where their old file went. Fields
 * written by a newer version are kept when this version saves.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What loading found: the settings to use and, if the file was unusable, what happened to it. */
    public record LoadResult(Settings settings, Optional<Problem> problem) {
    }

    /** An unusable settings file: why, and where it was moved (empty when it could not be moved or read). */
    public record Problem(String reason, Optional<Path> movedTo) {
    }

    private final Path file;
    private final ObjectMapper mapper;
    private final Clock clock;
    private Settings current = Settings.DEFAULTS;
    /** Fields of the file this version does not know (written by a newer version); kept on save. */
    private ObjectNode unknownFields;
    /** False when the file could be neither read nor moved aside: writing would destroy it. */
    private boolean writable = true;

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
        this.unknownFields = mapper.createObjectNode();
    }

    public Path file() {
        return file;
    }

    /** Never throws: whatever is wrong with the file is reported in the result, and defaults are used. */
    public synchronized LoadResult load() {
        current = Settings.DEFAULTS;
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LoadResult(current, Optional.empty());
        } catch (IOException e) {
            writable = false;
            LOG.warn("Settings file {} cannot be read; using defaults and leaving it untouched", file, e);
            return new LoadResult(current, Optional.of(new Problem("cannot read it: " + e.getMessage(), Optional.empty())));
        }
        try {
            JsonNode tree = mapper.readTree(content);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("it does not hold a JSON object");
            }
            Settings read = mapper.treeToValue(tree, Settings.class);
            if (read.schemaVersion() < 1) {
                throw new IllegalArgumentException("schemaVersion is missing");
            }
            ObjectNode known = mapper.valueToTree(read);
            ObjectNode unknown = ((ObjectNode) tree).deepCopy();
            known.fieldNames().forEachRemaining(unknown::remove);
            unknownFields = unknown;
            current = read;
            return new LoadResult(current, Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException
                    ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
            return moveAside(reason);
        }
    }

    private LoadResult moveAside(String reason) {
        try {
            Path aside = freeAsideName();
            Files.move(file, aside);
            LOG.warn("Settings file {} could not be read ({}); moved it to {} and started with defaults", file, reason, aside);
            return new LoadResult(current, Optional.of(new Problem(reason, Optional.of(aside))));
        } catch (IOException e) {
            writable = false;
            LOG.warn("Settings file {} could not be read ({}) nor moved aside; leaving it untouched", file, reason, e);
            return new LoadResult(current, Optional.of(new Problem(reason, Optional.empty())));
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
        if (!writable) {
            current = settings;
            LOG.warn("Not saving settings: {} could not be read or moved aside, and would be lost", file);
            return;
        }
        ObjectNode node = mapper.valueToTree(settings);
        unknownFields.fields().forEachRemaining(field -> {
            if (!node.has(field.getKey())) {
                node.set(field.getKey(), field.getValue());
            }
        });
        AtomicFiles.write(file, mapper.writeValueAsBytes(node));
        current = settings;
    }

    /** Applies a change to the current settings and saves the result. */
    public synchronized Settings update(UnaryOperator<Settings> change) throws IOException {
        Settings next = change.apply(current);
        save(next);
        return next;
    }
}
