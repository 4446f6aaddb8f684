package cn.lianxin.platform.pii;

import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

/**
 * One encryption key of the PII keyring: its id (written into every value it encrypts), its algorithm and its bytes.
 * Errors name the id, never the key: they end up in start-up logs.
 */
public final class PiiKey {

    /**
     * Lower-case letters and digits: the id goes into the stored value ({@code v1:<id>:…}, so no colon) and into
     * environment variable names ({@code LIANXIN_PII_KEYS_<ID>_KEY}, so nothing that '_' would stand for).
     */
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,16}");

    private final String id;
    private final PiiAlgorithm algorithm;
    private final SecretKeySpec key;

    public PiiKey(String id, PiiAlgorithm algorithm, byte[] key) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("PII key id '" + id + "' must be 1 to 16 lower-case letters or digits");
        }
        if (key.length != algorithm.keyBytes()) {
            throw new IllegalArgumentException("PII key '" + id + "': " + algorithm.configName() + " needs a "
                    + algorithm.keyBytes() + "-byte key, this one has " + key.length + " bytes");
        }
        this.id = id;
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(key, algorithm.keyAlgorithm());
    }

    /** From configuration: the algorithm's name (e.g. {@code SM4-GCM}) and the key in base64. */
    public static PiiKey fromBase64(String id, String algorithm, String base64Key) {
        PiiAlgorithm parsed;
        try {
            parsed = PiiAlgorithm.of(algorithm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PII key '" + id + "': " + e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes the offending character of the key.
            throw new IllegalArgumentException("PII key '" + id + "' is not valid base64");
        }
        return new PiiKey(id, parsed, bytes);
    }

    public String id() {
        return id;
    }

    public PiiAlgorithm algorithm() {
        return algorithm;
    }

    SecretKeySpec secret() {
        return key;
    }

    @Override
    public String toString() {
        return "PiiKey[" + id + ", " + algorithm.configName() + "]";
    }
}
