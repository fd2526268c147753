package io.alloycompanion.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads config files as Alloy does: UTF-8, where an invalid byte is an error ("illegal UTF-8 encoding"), not a guess. */
public final class ConfigText {

    /** The decoded text and, when the bytes were not valid UTF-8, where the first bad byte is (1-based line and column). */
    public record Decoded(String text, Optional<String> problem) {
    }

    private ConfigText() {
    }

    public static Decoded read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    public static Decoded decode(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        var result = strict.decode(input, output, true);
        if (!result.isError()) {
            try {
                return new Decoded(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(), Optional.empty());
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("decoded once, cannot fail the second time", e);
            }
        }
        int bad = input.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Decoded(new String(bytes, StandardCharsets.UTF_8),
                Optional.of(line + ":" + (bad - lineStart + 1) + ": illegal UTF-8 encoding"));
    }
}
