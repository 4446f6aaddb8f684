package cn.lianxin.platform.pii;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.crypto.Cipher;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The authenticated ciphers a PII key may use, by the name operators write in {@code lianxin.pii.keys.<id>.algorithm}.
 * Both are GCM with a 12-byte IV and a 128-bit tag, so the stored layout (iv ‖ ciphertext ‖ tag) is the same.
 */
public enum PiiAlgorithm {

    /** The JDK's AES, 256-bit keys: the default, and the algorithm of every value written before key ids existed. */
    AES_256_GCM("AES-256-GCM", "AES", 32),

    /**
     * SM4 (GB/T 32907-2016) in GCM mode, 128-bit keys, for deployments that must use national algorithms. The JDK has
     * no SM4: Bouncy Castle's provider is passed to {@link Cipher#getInstance(String, Provider)} only here, never
     * installed in the JVM's provider list, so nothing else in the service changes provider.
     */
    SM4_GCM("SM4-GCM", "SM4", 16);

    private final String configName;
    private final String keyAlgorithm;
    private final int keyBytes;

    PiiAlgorithm(String configName, String keyAlgorithm, int keyBytes) {
        this.configName = configName;
        this.keyAlgorithm = keyAlgorithm;
        this.keyBytes = keyBytes;
    }

    /** @throws IllegalArgumentException for a name that is none of {@link #configName()} */
    public static PiiAlgorithm of(String name) {
        for (PiiAlgorithm a : values()) {
            if (a.configName.equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "': one of "
                + Arrays.stream(values()).map(PiiAlgorithm::configName).collect(Collectors.joining(", ")));
    }

    public String configName() {
        return configName;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    public int keyBytes() {
        return keyBytes;
    }

    Cipher newCipher() throws GeneralSecurityException {
        return switch (this) {
            case AES_256_GCM -> Cipher.getInstance("AES/GCM/NoPadding");
            case SM4_GCM -> Cipher.getInstance("SM4/GCM/NoPadding", BouncyCastle.PROVIDER);
        };
    }

    /** Created on first use of SM4 only: deployments on AES never load Bouncy Castle's classes. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
