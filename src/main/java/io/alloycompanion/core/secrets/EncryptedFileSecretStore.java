package io.alloycompanion.core.secrets;

import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.EncryptedSecretsFile.Contents;
import io.alloycompanion.core.secrets.EncryptedSecretsFile.Entry;
import io.alloycompanion.core.secrets.SecretStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Keeps secrets in one JSON file, each encrypted with AES-256-GCM under a key derived from the user's passphrase,
 * for machines where no keychain works. Each entry has its own random IV and is bound to its account name (as
 * associated data), so entries cannot be swapped between accounts unnoticed.
 *
 * <p>The key is derived once per instance, when first needed (PBKDF2 is slow on purpose), after which the copy of
 * the passphrase is wiped; {@link #close()} wipes the key. The file is written atomically and readable by its
 * owner only.
 */
public final class EncryptedFileSecretStore implements SecretStore, AutoCloseable {

    /** The file's name in the app's data folder, the same for the desktop app and the command line. */
    public static final String FILE_NAME = "secrets.enc.json";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final int iterations;
    private final char[] passphrase;
    private Optional<PassphraseKey> key = Optional.empty();
    private boolean closed;

    /** {@code passphrase} is copied; the caller still owns and closes its own {@link Secret}. */
    public EncryptedFileSecretStore(Path file, Secret passphrase) {
        this(file, passphrase, DEFAULT_ITERATIONS);
    }

    /** For tests, which cannot wait for the full iteration count in every case. */
    EncryptedFileSecretStore(Path file, Secret passphrase, int iterations) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
        this.file = file;
        this.iterations = iterations;
        this.passphrase = passphrase.reveal(char[]::clone);
    }

    @Override
    public SecretLocation location() {
        return SecretLocation.ENCRYPTED_FILE;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void store(String account, Secret secret) throws SecretStoreException {
        requireOpen(account);
        Contents contents = read().orElseGet(this::emptyContents);
        PassphraseKey k = keyFor(contents);
        requireRightPassphrase(contents, k);
        byte[] iv = new byte[EncryptedSecretsFile.IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] plain = secret.reveal(SecretChars::toUtf8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, k, iv, account);
            write(contents.with(account, new Entry(iv, cipher.doFinal(plain))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public synchronized Optional<Secret> load(String account) throws SecretStoreException {
        requireOpen(account);
        Optional<Contents> read = read();
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Contents contents = read.get();
        PassphraseKey k = keyFor(contents);
        Entry entry = contents.entries().get(account);
        if (entry == null) {
            // A wrong passphrase is reported even when this account is absent, so it is noticed at once.
            requireRightPassphrase(contents, k);
            return Optional.empty();
        }
        return Optional.of(decrypt(contents, k, account, entry));
    }

    @Override
    public synchronized void delete(String account) throws SecretStoreException {
        requireOpen(account);
        Optional<Contents> read = read();
        if (read.isEmpty() || !read.get().entries().containsKey(account)) {
            return;
        }
        Contents contents = read.get();
        // Only someone who knows the passphrase may change the file.
        requireRightPassphrase(contents, keyFor(contents));
        write(contents.without(account));
    }

    /** Wipes the passphrase copy and the derived key; the store cannot be used afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        Arrays.fill(passphrase, '\0');
        key.ifPresent(PassphraseKey::destroy);
    }

    private Optional<Contents> read() throws SecretStoreException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretStoreException(Reason.FILESYSTEM, "Cannot read the secrets file " + file + ": "
                    + Errors.rootMessage(e) + ". Check that it is a file you may read.", e);
        }
        return Optional.of(EncryptedSecretsFile.parse(json, file));
    }

    private void write(Contents contents) throws SecretStoreException {
        try {
            OwnerOnlyFiles.write(file, EncryptedSecretsFile.serialize(contents));
        } catch (IOException e) {
            throw new SecretStoreException(Reason.FILESYSTEM, "Cannot write the secrets file " + file + ": "
                    + Errors.rootMessage(e) + ". Check that its folder exists and that you may write there.", e);
        }
    }

    /** A new file reuses the salt of a key already derived (the file may have been deleted since). */
    private Contents emptyContents() {
        if (key.isPresent()) {
            return new Contents(key.get().iterations(), key.get().salt(), Map.of());
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new Contents(iterations, salt, Map.of());
    }

    private PassphraseKey keyFor(Contents contents) throws SecretStoreException {
        if (key.isPresent()) {
            if (!key.get().derivedWith(contents.salt(), contents.iterations())) {
                // The passphrase was wiped after the first derivation, so the key cannot be made again.
                throw new SecretStoreException(Reason.CORRUPT, "The secrets file " + file
                        + " was replaced by another program while it was open. Enter the passphrase again to reopen it.");
            }
            return key.get();
        }
        try {
            PassphraseKey derived = PassphraseKey.derive(passphrase, contents.salt(), contents.iterations());
            Arrays.fill(passphrase, '\0');
            key = Optional.of(derived);
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Proves the key against one existing entry; a file without entries accepts any passphrase. */
    private void requireRightPassphrase(Contents contents, PassphraseKey k) throws SecretStoreException {
        Optional<Map.Entry<String, Entry>> any = contents.entries().entrySet().stream().findFirst();
        if (any.isPresent() && !opens(k, any.get().getKey(), any.get().getValue())) {
            throw wrongPassphrase();
        }
    }

    private Secret decrypt(Contents contents, PassphraseKey k, String account, Entry entry) throws SecretStoreException {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, k, entry.iv(), account).doFinal(entry.ciphertext());
        } catch (AEADBadTagException e) {
            // GCM cannot tell a wrong key from altered bytes; another entry that opens proves the key is right.
            boolean keyOpensAnother = contents.entries().entrySet().stream()
                    .filter(other -> !other.getKey().equals(account))
                    .anyMatch(other -> opens(k, other.getKey(), other.getValue()));
            if (keyOpensAnother) {
                throw new SecretStoreException(Reason.CORRUPT, "The entry for " + account + " in " + file
                        + " was altered and cannot be decrypted. Enter that token again.");
            }
            throw wrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        char[] chars = SecretChars.fromUtf8(plain);
        try {
            return Secret.of(chars);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    private static boolean opens(PassphraseKey k, String account, Entry entry) {
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, k, entry.iv(), account).doFinal(entry.ciphertext());
            Arrays.fill(plain, (byte) 0);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Cipher cipher(int mode, PassphraseKey k, byte[] iv, String account) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, k, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(account.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private SecretStoreException wrongPassphrase() {
        return new SecretStoreException(Reason.WRONG_PASSPHRASE, "The passphrase does not open the secrets file "
                + file + " (or the file was altered). Check the passphrase and try again.");
    }

    private void requireOpen(String account) {
        if (closed) {
            throw new IllegalStateException("the store was closed");
        }
        if (account.isBlank()) {
            throw new IllegalArgumentException("the account name is empty");
        }
    }
}
