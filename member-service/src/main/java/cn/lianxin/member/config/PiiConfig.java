package cn.lianxin.member.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The PII keys (docs/operations.md, "Rotating the PII keys"). Encryption keys form a keyring: the key of
 * {@code encryption-key} ({@code LIANXIN_PII_ENCRYPTION_KEY}) has the id {@code default} and is AES-256-GCM, as every
 * deployment had before rotation; {@code keys.<id>} add more; {@code encrypt-with} names the newest, which encrypts.
 * The blind index key ({@code LIANXIN_PII_INDEX_KEY}, 32 bytes) is separate and not rotated by the keyring.
 */
@ConfigMapping(prefix = "lianxin.pii")
public interface PiiConfig {

    /** Base64 of 32 bytes: the key {@code default}. Optional once no value under it is left and nothing encrypts with it. */
    Optional<String> encryptionKey();

    /** Base64 of 32 bytes. */
    String indexKey();

    /** Further keys by id (lower-case letters and digits): {@code lianxin.pii.keys.<id>.algorithm} and {@code .key}. */
    Map<String, Key> keys();

    /** The id of the key that encrypts new values (the newest). */
    @WithDefault("default")
    String encryptWith();

    /** Re-encryption to the newest key (cn.lianxin.member.service.PiiReEncryptionService). */
    ReEncryption reEncryption();

    interface Key {
        /** {@code AES-256-GCM} (32-byte key) or {@code SM4-GCM} (16-byte key). */
        @WithDefault("AES-256-GCM")
        String algorithm();

        /** Base64. */
        String key();
    }

    interface ReEncryption {
        /** Rows per transaction: each batch holds its rows' locks only as long as it takes to re-encrypt them. */
        @WithDefault("500")
        int batchSize();
    }
}
