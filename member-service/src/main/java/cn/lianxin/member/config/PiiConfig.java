package cn.lianxin.member.config;

import io.smallrye.config.ConfigMapping;

/** The two PII keys (base64, 32 bytes each): {@code LIANXIN_PII_ENCRYPTION_KEY}, {@code LIANXIN_PII_INDEX_KEY}. */
@ConfigMapping(prefix = "lianxin.pii")
public interface PiiConfig {
    String encryptionKey();

    String indexKey();
}
