package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code profiles.json} in the app's settings folder. A file that cannot be parsed is reported and
 * never overwritten: it may hold the only record of which keychain entries belong to which stack.
 */
public final class ProfileStore {

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ProfileStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Profiles load() throws ProfileException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Profiles profiles = mapper.readValue(bytes, Profiles.class);
            return profiles == null ? Profiles.EMPTY : profiles;
        } catch (NoSuchFileException e) {
            return Profiles.EMPTY;
        } catch (JacksonException e) {
            throw new ProfileException("The profiles file " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "). Fix or move it; the app will not overwrite it.", e);
        } catch (IOException e) {
            throw new ProfileException("Cannot read the profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void save(Profiles profiles) throws ProfileException {
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(profiles));
        } catch (IOException e) {
            throw new ProfileException("Cannot write the profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads, changes and writes back under one lock, so two changes never lose each other. */
    public synchronized Profiles update(UnaryOperator<Profiles> change) throws ProfileException {
        Profiles next = change.apply(load());
        save(next);
        return next;
    }
}
