package io.alloycompanion.core.secrets;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * An AES-256 key derived from a passphrase with PBKDF2-HMAC-SHA256. Its own {@link SecretKey} rather than a
 * {@code SecretKeySpec}, because the JDK's class cannot be wiped and this one can ({@link #destroy()}).
 */
final class PassphraseKey implements SecretKey {

    static final String KDF_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final long serialVersionUID = 1L;
    private static final int KEY_BITS = 256;

    // transient: a key must never end up in a serialized stream.
    private final transient byte[] key;
    private final transient byte[] salt;
    private final int iterations;
    private transient boolean destroyed;

    private PassphraseKey(byte[] key, byte[] salt, int iterations) {
        this.key = key;
        this.salt = salt.clone();
        this.iterations = iterations;
    }

    static PassphraseKey derive(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BITS);
        try {
            SecretKey derived = SecretKeyFactory.getInstance(KDF_ALGORITHM).generateSecret(spec);
            byte[] bytes = derived.getEncoded();
            try {
                derived.destroy();
            } catch (DestroyFailedException e) {
                // The provider's copy is cleared by its own cleaner when collected; nothing more can be done here.
            }
            return new PassphraseKey(bytes, salt, iterations);
        } finally {
            spec.clearPassword();
        }
    }

    /** Whether this key was derived with these parameters, so it can be used for a file that names them. */
    boolean derivedWith(byte[] otherSalt, int otherIterations) {
        return iterations == otherIterations && Arrays.equals(salt, otherSalt);
    }

    byte[] salt() {
        return salt.clone();
    }

    int iterations() {
        return iterations;
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** A copy, as the contract asks; the cipher provider wipes its copy after building its key schedule. */
    @Override
    public synchronized byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key was destroyed");
        }
        return key.clone();
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }
}
