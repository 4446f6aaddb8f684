package cn.lianxin.member.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import cn.lianxin.platform.pii.PiiCipher;

/** Protects the ID number column: encryption plus blind index (platform's {@link PiiCipher}). */
public class PiiCipherProducer {

    @Produces
    @Singleton
    PiiCipher piiCipher(PiiConfig config) {
        return PiiCipher.fromBase64(config.encryptionKey(), config.indexKey());
    }
}
