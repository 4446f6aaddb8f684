package cn.lianxin.platform.pii;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects a sensitive column (the ID number): an authenticated cipher for the stored value, and an HMAC-SHA256
 * "blind index" so that equal values can be found and kept unique without decrypting anything. The index key is
 * distinct from the encryption keys, so knowing it reveals nothing about the ciphertexts.
 *
 * <p>A keyring: several encryption keys may be configured, each with an id and an algorithm ({@link PiiAlgorithm});
 * the newest ({@code encryptWith}) encrypts, all of them decrypt. A stored value is {@code v1:<key id>:<base64 of
 * iv ‖ ciphertext ‖ tag>}. Values written before key ids existed are the bare base64, AES-256-GCM under the key
 * {@value #DEFAULT_KEY_ID} (the single key of earlier configurations); they keep decrypting as long as that key is
 * configured. Moving values to the newest key is re-encryption ({@link #reEncrypt}); the blind index key is not part
 * of the keyring (docs/operations.md, "Rotating the PII keys").
 */
public final class PiiCipher {

    /** The id of the key configured as {@code lianxin.pii.encryption-key}, and the key of values without an id. */
    public static final String DEFAULT_KEY_ID = "default";
    /** The format version that starts every value written with a key id. */
    public static final String FORMAT = "v1";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, PiiKey> keys = new LinkedHashMap<>();
    private final PiiKey current;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys every key that may have encrypted a stored value
     * @param encryptWith the id of the key that encrypts from now on (the newest)
     */
    public PiiCipher(Collection<PiiKey> keys, String encryptWith, byte[] indexKey) {
        for (PiiKey key : keys) {
            if (this.keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("PII key '" + key.id() + "' is configured twice");
            }
        }
        this.current = this.keys.get(encryptWith);
        if (current == null) {
            throw new IllegalArgumentException("the PII key to encrypt with, '" + encryptWith
                    + "', is not configured; configured keys: " + this.keys.keySet());
        }
        if (indexKey.length != 32) {
            throw new IllegalArgumentException("the PII index key must be 32 bytes (256 bits), it has " + indexKey.length);
        }
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
    }

    /** One AES-256-GCM key, {@value #DEFAULT_KEY_ID}, as every deployment had before key rotation. */
    public PiiCipher(byte[] encryptionKey, byte[] indexKey) {
        this(List.of(new PiiKey(DEFAULT_KEY_ID, PiiAlgorithm.AES_256_GCM, encryptionKey)), DEFAULT_KEY_ID, indexKey);
    }

    /** From base64 configuration values, e.g. {@code LIANXIN_PII_ENCRYPTION_KEY}. */
    public static PiiCipher fromBase64(String encryptionKey, String indexKey) {
        return new PiiCipher(Base64.getDecoder().decode(encryptionKey.trim()), Base64.getDecoder().decode(indexKey.trim()));
    }

    /** The id of the key that encrypts. */
    public String encryptWith() {
        return current.id();
    }

    /** What every value encrypted by the current key starts with (a {@code LIKE} prefix: ids have no wildcards). */
    public String currentPrefix() {
        return FORMAT + ":" + current.id() + ":";
    }

    /** @return whether {@code stored} was encrypted by the current key, i.e. needs no re-encryption */
    public boolean isCurrent(String stored) {
        return stored.startsWith(currentPrefix());
    }

    /** The id of the key {@code stored} was encrypted with ({@value #DEFAULT_KEY_ID} for a value without one). */
    public static String keyIdOf(String stored) {
        if (!stored.startsWith(FORMAT + ":")) {
            return DEFAULT_KEY_ID;
        }
        int end = stored.indexOf(':', FORMAT.length() + 1);
        if (end < 0) {
            throw new IllegalStateException("stored value has a malformed key id");
        }
        return stored.substring(FORMAT.length() + 1, end);
    }

    /** @return {@code v1:<key id>:<base64>}; a fresh IV each time, so equal inputs differ */
    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = current.algorithm().newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, current.secret(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(UTF_8));
            return currentPrefix()
                    + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(current.algorithm().configName() + " encryption failed", e);
        }
    }

    /**
     * Decrypts with the key the value names. Errors name the key id and never the value: a value that was tampered
     * with, or that was encrypted by a key that is not configured, is refused.
     */
    public String decrypt(String stored) {
        String keyId = keyIdOf(stored);
        // Base64 has no ':', so a value written before key ids can never look prefixed.
        String body = stored.startsWith(FORMAT + ":") ? stored.substring(FORMAT.length() + keyId.length() + 2) : stored;
        PiiKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("stored value was encrypted with PII key '" + keyId
                    + "', which is not configured; configured keys: " + keys.keySet());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(body);
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("stored value is too short for PII key '" + keyId + "'");
            }
            Cipher cipher = key.algorithm().newCipher();
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored value cannot be decrypted with PII key '" + keyId + "'", e);
        } catch (IllegalArgumentException e) {
            // Not chained: the base64 decoder's message quotes a character of the stored value.
            throw new IllegalStateException("stored value for PII key '" + keyId + "' is not valid base64");
        }
    }

    /** The same plaintext under the current key (a value already under it is returned as it is). */
    public String reEncrypt(String stored) {
        return isCurrent(stored) ? stored : encrypt(decrypt(stored));
    }

    /** Deterministic keyed hash (hex) for exact-match lookup and uniqueness. */
    public String blindIndex(String plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(plaintext.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }
}
