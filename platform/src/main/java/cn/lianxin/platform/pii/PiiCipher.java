package cn.lianxin.platform.pii;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects a sensitive column (the ID number): AES-256-GCM for the stored value, and an HMAC-SHA256
 * "blind index" so that equal values can be found and kept unique without decrypting anything.
 * The two keys are distinct, so knowing the index key reveals nothing about the ciphertexts.
 */
public final class PiiCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    public PiiCipher(byte[] encryptionKey, byte[] indexKey) {
        if (encryptionKey.length != 32 || indexKey.length != 32) {
            throw new IllegalArgumentException("PII keys must be 32 bytes (256 bits) each");
        }
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
    }

    /** From base64 configuration values, e.g. {@code LIANXIN_PII_ENCRYPTION_KEY}. */
    public static PiiCipher fromBase64(String encryptionKey, String indexKey) {
        return new PiiCipher(Base64.getDecoder().decode(encryptionKey.trim()), Base64.getDecoder().decode(indexKey.trim()));
    }

    /** @return base64 of {@code iv ‖ ciphertext ‖ tag}; a fresh IV each time, so equal inputs differ */
    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored value cannot be decrypted with the configured key", e);
        }
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
