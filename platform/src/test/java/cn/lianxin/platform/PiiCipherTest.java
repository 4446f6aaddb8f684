package cn.lianxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.lianxin.platform.pii.PiiAlgorithm;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.pii.PiiKey;

class PiiCipherTest {

    private static final String ID_NUMBER = "11010519491231002X";

    private static byte[] key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] key() {
        return key(32);
    }

    private static PiiKey keyFor(String id, PiiAlgorithm algorithm) {
        return new PiiKey(id, algorithm, key(algorithm.keyBytes()));
    }

    private final byte[] indexKey = key();
    private final PiiCipher cipher = new PiiCipher(key(), indexKey);

    @ParameterizedTest
    @EnumSource(PiiAlgorithm.class)
    void eachAlgorithmEncryptsWithAFreshIvUnderItsKeyIdAndDecryptsBack(PiiAlgorithm algorithm) {
        PiiCipher only = new PiiCipher(List.of(keyFor("k1", algorithm)), "k1", indexKey);

        String first = only.encrypt(ID_NUMBER);
        String second = only.encrypt(ID_NUMBER);

        assertThat(first).startsWith("v1:k1:").isNotEqualTo(second).doesNotContain(ID_NUMBER);
        assertThat(only.decrypt(first)).isEqualTo(ID_NUMBER);
        assertThat(only.decrypt(second)).isEqualTo(ID_NUMBER);
        assertThat(only.isCurrent(first)).isTrue();
        assertThat(PiiCipher.keyIdOf(first)).isEqualTo("k1");
    }

    @ParameterizedTest
    @EnumSource(PiiAlgorithm.class)
    void aTamperedValueIsRefusedWithoutQuotingIt(PiiAlgorithm algorithm) {
        PiiCipher only = new PiiCipher(List.of(keyFor("k1", algorithm)), "k1", indexKey);
        String sealed = only.encrypt(ID_NUMBER);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        bytes[bytes.length / 2] ^= 1;
        String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> only.decrypt(tampered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'k1'").message().doesNotContain(tampered.substring(6));
    }

    @Test
    void sm4GcmIsTheStandardAlgorithmNotAnotherNameForAes() throws Exception {
        // The same 16-byte key and IV under AES-128-GCM must not open an SM4-GCM value.
        byte[] raw = key(16);
        PiiCipher sm4 = new PiiCipher(List.of(new PiiKey("sm", PiiAlgorithm.SM4_GCM, raw)), "sm", indexKey);
        byte[] bytes = Base64.getDecoder().decode(sm4.encrypt(ID_NUMBER).substring("v1:sm:".length()));
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(128, bytes, 0, 12));
        assertThatThrownBy(() -> aes.doFinal(bytes, 12, bytes.length - 12)).isInstanceOf(javax.crypto.AEADBadTagException.class);
        assertThat(sm4.decrypt(sm4.encrypt(ID_NUMBER))).isEqualTo(ID_NUMBER);
    }

    @Test
    void aValueEncryptedWithKeyADecryptsAfterKeyBBecameTheNewest() {
        PiiKey a = keyFor("a", PiiAlgorithm.AES_256_GCM);
        PiiKey b = keyFor("b", PiiAlgorithm.SM4_GCM);
        String underA = new PiiCipher(List.of(a), "a", indexKey).encrypt(ID_NUMBER);

        PiiCipher rotated = new PiiCipher(List.of(a, b), "b", indexKey);

        assertThat(rotated.decrypt(underA)).isEqualTo(ID_NUMBER);
        assertThat(rotated.isCurrent(underA)).isFalse();
        String moved = rotated.reEncrypt(underA);
        assertThat(moved).startsWith("v1:b:");
        assertThat(rotated.isCurrent(moved)).isTrue();
        assertThat(rotated.reEncrypt(moved)).isSameAs(moved);
        assertThat(new PiiCipher(List.of(b), "b", indexKey).decrypt(moved)).isEqualTo(ID_NUMBER);
    }

    @Test
    void aValueWithoutKeyIdIsTheDefaultKeysAesGcmAsWrittenBeforeKeyIds() throws Exception {
        byte[] raw = key();
        byte[] iv = key(12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = aes.doFinal(ID_NUMBER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String legacy = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());

        PiiCipher rotated = new PiiCipher(List.of(new PiiKey(PiiCipher.DEFAULT_KEY_ID, PiiAlgorithm.AES_256_GCM, raw),
                keyFor("k2", PiiAlgorithm.SM4_GCM)), "k2", indexKey);

        assertThat(PiiCipher.keyIdOf(legacy)).isEqualTo("default");
        assertThat(rotated.decrypt(legacy)).isEqualTo(ID_NUMBER);
        assertThat(rotated.isCurrent(legacy)).isFalse();
        assertThat(rotated.reEncrypt(legacy)).startsWith("v1:k2:");
    }

    @Test
    void aValueOfAKeyThatIsNotConfiguredIsAClearErrorWithoutTheValue() {
        String underGone = new PiiCipher(List.of(keyFor("gone", PiiAlgorithm.AES_256_GCM)), "gone", indexKey).encrypt(ID_NUMBER);
        PiiCipher other = new PiiCipher(List.of(keyFor("k3", PiiAlgorithm.AES_256_GCM)), "k3", indexKey);

        assertThatThrownBy(() -> other.decrypt(underGone)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'gone'").hasMessageContaining("not configured")
                .message().doesNotContain(underGone.substring("v1:gone:".length()));
        // A value without key id needs the default key.
        assertThatThrownBy(() -> other.decrypt(cipher.encrypt(ID_NUMBER).substring("v1:default:".length())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'default'");
    }

    @Test
    void blindIndexIsDeterministicKeyedAndIndependentOfTheEncryptionKeys() {
        assertThat(cipher.blindIndex(ID_NUMBER)).isEqualTo(cipher.blindIndex(ID_NUMBER))
                .isNotEqualTo(cipher.blindIndex("110105194912310029"))
                .isNotEqualTo(new PiiCipher(key(), key()).blindIndex(ID_NUMBER))
                .isEqualTo(new PiiCipher(List.of(keyFor("k9", PiiAlgorithm.SM4_GCM)), "k9", indexKey).blindIndex(ID_NUMBER));
    }

    @Test
    void refusesToDecryptWithAnotherKeyOfTheSameId() {
        String sealed = cipher.encrypt("secret");
        assertThatThrownBy(() -> new PiiCipher(key(), key()).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrongKeySizesUnknownAlgorithmsAndBadIdsAreRefusedNamingTheKeyIdOnly() {
        assertThatThrownBy(() -> new PiiCipher(new byte[16], key())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'default'").hasMessageContaining("32-byte");
        String sm4Key = Base64.getEncoder().encodeToString(key(32));
        assertThatThrownBy(() -> PiiKey.fromBase64("k2", "SM4-GCM", sm4Key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k2'").hasMessageContaining("16-byte").message().doesNotContain(sm4Key);
        assertThatThrownBy(() -> PiiKey.fromBase64("k2", "DES", sm4Key)).hasMessageContaining("'k2'").hasMessageContaining("SM4-GCM");
        assertThatThrownBy(() -> PiiKey.fromBase64("k2", "AES-256-GCM", "not*base64")).hasMessageContaining("'k2'")
                .message().doesNotContain("*");
        assertThatThrownBy(() -> new PiiKey("K:2", PiiAlgorithm.AES_256_GCM, key())).hasMessageContaining("lower-case");
        assertThat(PiiKey.fromBase64("k2", "sm4-gcm", Base64.getEncoder().encodeToString(key(16))).algorithm())
                .isEqualTo(PiiAlgorithm.SM4_GCM);
    }

    @Test
    void encryptWithMustNameAConfiguredKeyAndIdsAreUnique() {
        PiiKey a = keyFor("a", PiiAlgorithm.AES_256_GCM);
        assertThatThrownBy(() -> new PiiCipher(List.of(a), "b", indexKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'").hasMessageContaining("[a]");
        assertThatThrownBy(() -> new PiiCipher(List.of(a, keyFor("a", PiiAlgorithm.SM4_GCM)), "a", indexKey))
                .hasMessageContaining("'a'").hasMessageContaining("twice");
    }
}
