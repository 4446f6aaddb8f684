package cn.lianxin.member.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import cn.lianxin.platform.pii.PiiAlgorithm;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.pii.PiiKey;

/** Protects the ID number column: the keyring and the blind index (platform's {@link PiiCipher}). */
public class PiiCipherProducer {

    private static final Logger LOG = Logger.getLogger(PiiCipherProducer.class);

    @Produces
    @Singleton
    PiiCipher piiCipher(PiiConfig config) {
        if (config.encryptionKey().isEmpty() && config.encryptWith().equals(PiiCipher.DEFAULT_KEY_ID)) {
            throw new IllegalArgumentException("LIANXIN_PII_ENCRYPTION_KEY (lianxin.pii.encryption-key) is required while "
                    + "lianxin.pii.encrypt-with is '" + PiiCipher.DEFAULT_KEY_ID + "'");
        }
        List<PiiKey> keys = new ArrayList<>();
        config.encryptionKey().ifPresent(key -> keys.add(PiiKey.fromBase64(PiiCipher.DEFAULT_KEY_ID,
                PiiAlgorithm.AES_256_GCM.configName(), key)));
        config.keys().forEach((id, key) -> keys.add(PiiKey.fromBase64(id, key.algorithm(), key.key())));
        byte[] indexKey;
        try {
            indexKey = Base64.getDecoder().decode(config.indexKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PII index key (lianxin.pii.index-key) is not valid base64");
        }
        return new PiiCipher(keys, config.encryptWith(), indexKey);
    }

    /**
     * Builds the keyring at start-up, so that a wrong key size, an unknown algorithm or an {@code encrypt-with} that
     * names no configured key stops the service before it serves (the messages name key ids, never keys).
     */
    void check(@Observes StartupEvent event, PiiCipher cipher) {
        LOG.infof("PII keyring: new ID numbers are encrypted with key '%s'", cipher.encryptWith());
    }
}
