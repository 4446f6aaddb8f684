package cn.lianxin.member.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import cn.lianxin.platform.pii.PiiCipher;

/**
 * The keyring as operators configure it, by environment variables over member-service's application.properties
 * (production profile): today's single key keeps working, more keys and {@code encrypt-with} rotate, and a wrong key
 * stops the start with its id named, never its value.
 */
class PiiConfigTest {

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final String defaultKey = key(32);
    private final String indexKey = key(32);

    private PiiCipher cipher(Map<String, String> environment) throws Exception {
        URL properties = PiiConfigTest.class.getResource("/application.properties");
        assertThat(properties).isNotNull();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(PiiConfig.class)
                .build();
        return new PiiCipherProducer().piiCipher(config.getConfigMapping(PiiConfig.class));
    }

    private Map<String, String> singleKey() {
        Map<String, String> env = new HashMap<>();
        env.put("LIANXIN_PII_ENCRYPTION_KEY", defaultKey);
        env.put("LIANXIN_PII_INDEX_KEY", indexKey);
        return env;
    }

    @Test
    void aDeploymentWithTheSingleKeyOfEarlierReleasesEncryptsWithTheKeyDefault() throws Exception {
        PiiCipher cipher = cipher(singleKey());
        assertThat(cipher.encryptWith()).isEqualTo("default");
        assertThat(cipher.encrypt("11010519491231002X")).startsWith("v1:default:");
        String bare = PiiCipher.fromBase64(defaultKey, indexKey).encrypt("11010519491231002X").substring("v1:default:".length());
        assertThat(cipher.decrypt(bare)).isEqualTo("11010519491231002X");
    }

    @Test
    void aSecondKeyByEnvironmentVariablesEncryptsAndTheDefaultKeyStillDecrypts() throws Exception {
        String old = PiiCipher.fromBase64(defaultKey, indexKey).encrypt("11010519491231002X");
        Map<String, String> env = singleKey();
        env.put("LIANXIN_PII_KEYS_K2_ALGORITHM", "SM4-GCM");
        env.put("LIANXIN_PII_KEYS_K2_KEY", key(16));
        env.put("LIANXIN_PII_ENCRYPT_WITH", "k2");

        PiiCipher cipher = cipher(env);

        assertThat(cipher.encryptWith()).isEqualTo("k2");
        assertThat(cipher.encrypt("11010519491231002X")).startsWith("v1:k2:");
        assertThat(cipher.decrypt(old)).isEqualTo("11010519491231002X");
        assertThat(cipher.blindIndex("11010519491231002X"))
                .isEqualTo(PiiCipher.fromBase64(defaultKey, indexKey).blindIndex("11010519491231002X"));

        env.remove("LIANXIN_PII_ENCRYPTION_KEY"); // retired once the job left nothing under it
        assertThat(cipher(env).encryptWith()).isEqualTo("k2");
    }

    @Test
    void aKeyOfTheWrongSizeOrAnEncryptWithThatNamesNoKeyStopsTheStartNamingTheIdOnly() {
        Map<String, String> env = singleKey();
        String wrongSize = key(32);
        env.put("LIANXIN_PII_KEYS_K2_ALGORITHM", "SM4-GCM");
        env.put("LIANXIN_PII_KEYS_K2_KEY", wrongSize);
        assertThatThrownBy(() -> cipher(env)).hasMessageContaining("'k2'").hasMessageContaining("16-byte")
                .message().doesNotContain(wrongSize);

        Map<String, String> unknown = singleKey();
        unknown.put("LIANXIN_PII_ENCRYPT_WITH", "k3");
        assertThatThrownBy(() -> cipher(unknown)).hasMessageContaining("'k3'").hasMessageContaining("not configured")
                .message().doesNotContain(defaultKey);

        Map<String, String> none = singleKey();
        none.remove("LIANXIN_PII_ENCRYPTION_KEY");
        assertThatThrownBy(() -> cipher(none)).hasMessageContaining("LIANXIN_PII_ENCRYPTION_KEY");

        Map<String, String> shortDefault = singleKey();
        shortDefault.put("LIANXIN_PII_ENCRYPTION_KEY", key(16));
        assertThatThrownBy(() -> cipher(shortDefault)).hasMessageContaining("'default'").hasMessageContaining("32-byte");
    }
}
