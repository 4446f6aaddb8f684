package cn.lianxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.pii.PiiCipher;

class PiiCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final PiiCipher cipher = new PiiCipher(key(), key());

    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        String first = cipher.encrypt("11010519491231002X");
        String second = cipher.encrypt("11010519491231002X");

        assertThat(first).isNotEqualTo(second).doesNotContain("11010519491231002X");
        assertThat(cipher.decrypt(first)).isEqualTo("11010519491231002X");
        assertThat(cipher.decrypt(second)).isEqualTo("11010519491231002X");
    }

    @Test
    void blindIndexIsDeterministicAndKeyed() {
        assertThat(cipher.blindIndex("11010519491231002X")).isEqualTo(cipher.blindIndex("11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("110105194912310029"))
                .isNotEqualTo(new PiiCipher(key(), key()).blindIndex("11010519491231002X"));
    }

    @Test
    void refusesToDecryptWithAnotherKey() {
        String sealed = cipher.encrypt("secret");
        assertThatThrownBy(() -> new PiiCipher(key(), key()).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new PiiCipher(new byte[16], key())).isInstanceOf(IllegalArgumentException.class);
    }
}
