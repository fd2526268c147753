package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.secrets.Secret;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Recognises a pasted token by its shape and decodes a {@code glc_} token locally: {@code glc_} + base64 (padding
 * may be missing) of {@code {"o":org,"n":name,"k":secret,"m":{"r":region}}}. The {@code k} part is never read out.
 */
public final class TokenInspector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenInspector() {
    }

    public static TokenInspection inspect(Secret token) {
        String masked = token.masked();
        return token.reveal(chars -> {
            if (chars.length == 0) {
                return new TokenInspection(TokenKind.EMPTY, Optional.empty(), masked);
            }
            if (startsWith(chars, "glsa_")) {
                return new TokenInspection(TokenKind.SERVICE_ACCOUNT, Optional.empty(), masked);
            }
            if (startsWith(chars, "eyJrIjoi")) {
                return new TokenInspection(TokenKind.LEGACY_API_KEY, Optional.empty(), masked);
            }
            if (startsWith(chars, "glc_")) {
                return new TokenInspection(TokenKind.ACCESS_POLICY, decode(chars), masked);
            }
            return new TokenInspection(TokenKind.OTHER, Optional.empty(), masked);
        });
    }

    private static boolean startsWith(char[] chars, String prefix) {
        if (chars.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (chars[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Empty when the payload is not the documented JSON: the token may still work, it just says nothing. */
    private static Optional<TokenInfo> decode(char[] chars) {
        byte[] encoded = new byte[chars.length - 4];
        for (int i = 4; i < chars.length; i++) {
            encoded[i - 4] = (byte) chars[i];
        }
        byte[] decoded = null;
        try {
            decoded = base64(encoded);
            JsonNode node = JSON.readTree(decoded);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new TokenInfo(text(node.get("o")), text(node.get("n")), text(node.path("m").get("r"))));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(encoded, (byte) 0);
            if (decoded != null) {
                Arrays.fill(decoded, (byte) 0);
            }
        }
    }

    private static byte[] base64(byte[] encoded) {
        boolean urlAlphabet = false;
        int end = encoded.length;
        while (end > 0 && encoded[end - 1] == '=') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (encoded[i] == '-' || encoded[i] == '_') {
                urlAlphabet = true;
            }
        }
        byte[] unpadded = Arrays.copyOf(encoded, end);
        try {
            return (urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
        } finally {
            Arrays.fill(unpadded, (byte) 0);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
    }
}
