package io.alloycompanion.core.config;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reading and writing config files the user owns: what was read is fingerprinted so a change made on disk behind
 * the editor is noticed (and never overwritten), and saves are atomic with a {@code .bak} of the previous version.
 */
public final class ConfigFiles {

    /** The content of a file as last read or written, by hash; empty when the file did not exist. */
    public record Fingerprint(Optional<String> sha256) {
        public static final Fingerprint MISSING = new Fingerprint(Optional.empty());
    }

    /** A file's text and its fingerprint. */
    public record Loaded(String text, Fingerprint fingerprint) {
    }

    private ConfigFiles() {
    }

    public static Loaded read(Path file) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ConfigText.Decoded decoded = ConfigText.decode(bytes);
            if (decoded.problem().isPresent()) {
                // Opening it would replace the bad bytes on the next save: refuse, and say where they are.
                throw new IOException(file + ":" + decoded.problem().get() + " (the file is not UTF-8)");
            }
            return new Loaded(decoded.text(), fingerprint(bytes));
        } catch (NoSuchFileException e) {
            return new Loaded("", Fingerprint.MISSING);
        }
    }

    public static Fingerprint current(Path file) throws IOException {
        return read(file).fingerprint();
    }

    /** Writes atomically, keeping the previous version as {@code <file>.bak}; returns the new fingerprint. */
    public static Fingerprint write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.writeWithBackup(file, bytes);
        return fingerprint(bytes);
    }

    /** A unified diff (3 lines of context) from the file's text to the new text; empty when they are equal. */
    public static List<String> diff(String name, String before, String after) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, original,
                DiffUtils.diff(original, revised), 3);
    }

    static Fingerprint fingerprint(byte[] bytes) {
        try {
            return new Fingerprint(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
