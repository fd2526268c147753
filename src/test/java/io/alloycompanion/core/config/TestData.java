package io.alloycompanion.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Alloy test data under src/test/resources/alloy-reference (see its README for where it comes from). */
public final class TestData {

    private TestData() {
    }

    public static Path root() {
        try {
            return Path.of(TestData.class.getResource("/alloy-reference").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
