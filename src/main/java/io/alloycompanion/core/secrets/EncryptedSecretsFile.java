package io.alloycompanion.core.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The on-disk format of {@link EncryptedFileSecretStore}:
 * <pre>{"schemaVersion":1, "kdf":{"algorithm":"PBKDF2WithHmacSHA256","iterations":N,"salt":B64},
 *  "entries":{"account":{"iv":B64,"ciphertext":B64}}}</pre>
 * The ciphertext carries the 16-byte GCM tag at its end, as the JDK's cipher produces it. Nothing in the file is
 * secret; what is in it must still be checked, since anyone who can write the file can put anything there.
 */
final class EncryptedSecretsFile {

    static final int SCHEMA_VERSION = 1;
    static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int MIN_SALT_BYTES = 16;
    // Beyond this a tampered file would make opening the store hang for minutes.
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Entry(byte[] iv, byte[] ciphertext) {
    }

    /** The whole file; immutable, changed by building a new one. */
    record Contents(int iterations, byte[] salt, Map<String, Entry> entries) {
        Contents {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Contents with(String account, Entry entry) {
            Map<String, Entry> changed = new LinkedHashMap<>(entries);
            changed.put(account, entry);
            return new Contents(iterations, salt, changed);
        }

        Contents without(String account) {
            Map<String, Entry> changed = new LinkedHashMap<>(entries);
            changed.remove(account);
            return new Contents(iterations, salt, changed);
        }
    }

    private EncryptedSecretsFile() {
    }

    static byte[] serialize(Contents contents) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("algorithm", PassphraseKey.KDF_ALGORITHM);
        kdf.put("iterations", contents.iterations());
        kdf.put("salt", encode(contents.salt()));
        ObjectNode entries = root.putObject("entries");
        contents.entries().forEach((account, entry) -> {
            ObjectNode node = entries.putObject(account);
            node.put("iv", encode(entry.iv()));
            node.put("ciphertext", encode(entry.ciphertext()));
        });
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serializes", e);
        }
    }

    static Contents parse(byte[] json, Path file) throws SecretStoreException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw corrupt(file, "it is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw corrupt(file, "it is not a JSON object");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version > SCHEMA_VERSION) {
            throw corrupt(file, "it was written by a newer version of Alloy Companion (schema " + version
                    + "); update the app to read it");
        }
        if (version != SCHEMA_VERSION) {
            throw corrupt(file, "its schemaVersion is missing or unknown");
        }
        JsonNode kdf = root.path("kdf");
        if (!PassphraseKey.KDF_ALGORITHM.equals(kdf.path("algorithm").asText())) {
            throw corrupt(file, "its key derivation is not " + PassphraseKey.KDF_ALGORITHM);
        }
        JsonNode iterationsNode = kdf.path("iterations");
        int iterations = iterationsNode.canConvertToInt() ? iterationsNode.asInt() : -1;
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw corrupt(file, "its key derivation iteration count is missing or out of range");
        }
        byte[] salt = decode(kdf.path("salt"), file, "kdf.salt");
        if (salt.length < MIN_SALT_BYTES) {
            throw corrupt(file, "its salt is shorter than " + MIN_SALT_BYTES + " bytes");
        }
        JsonNode entriesNode = root.path("entries");
        if (!entriesNode.isObject()) {
            throw corrupt(file, "it has no entries object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entriesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String where = "entries." + field.getKey();
            byte[] iv = decode(field.getValue().path("iv"), file, where + ".iv");
            byte[] ciphertext = decode(field.getValue().path("ciphertext"), file, where + ".ciphertext");
            if (iv.length != IV_BYTES || ciphertext.length < TAG_BYTES) {
                throw corrupt(file, where + " has an IV or ciphertext of the wrong length");
            }
            entries.put(field.getKey(), new Entry(iv, ciphertext));
        }
        return new Contents(iterations, salt, entries);
    }

    private static byte[] decode(JsonNode node, Path file, String where) throws SecretStoreException {
        if (!node.isTextual()) {
            throw corrupt(file, where + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, where + " is not base64");
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static SecretStoreException corrupt(Path file, String why) {
        return new SecretStoreException(SecretStoreException.Reason.CORRUPT, "The secrets file " + file
                + " cannot be used: " + why + ". Restore it from a backup, or delete it and enter your tokens again.");
    }
}
