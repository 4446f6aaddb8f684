package cn.lianxin.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.problem.ProblemException;

class IdempotencyKeysTest {

    @Test
    void theFingerprintIsTheSameForTheSameRequestAndDiffersByMethodPathOrBody() {
        String fingerprint = Idempotency.fingerprint("POST", "/api/v1/contacts", "{\"a\":1}");
        assertThat(fingerprint).hasSize(64).isEqualTo(Idempotency.fingerprint("POST", "/api/v1/contacts", "{\"a\":1}"));
        assertThat(Idempotency.fingerprint("PUT", "/api/v1/contacts", "{\"a\":1}")).isNotEqualTo(fingerprint);
        assertThat(Idempotency.fingerprint("POST", "/api/v1/contacts/batch", "{\"a\":1}")).isNotEqualTo(fingerprint);
        assertThat(Idempotency.fingerprint("POST", "/api/v1/contacts", "{\"a\":2}")).isNotEqualTo(fingerprint);
    }

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        Idempotency.checkKey("3f1c2a4e-7b9d-4c1e-9a0b-2d3e4f5a6b7c");
        Idempotency.checkKey("k".repeat(255));
        for (String bad : new String[] { "", "k".repeat(256), "has space", "tab\t", "中文" }) {
            assertThatThrownBy(() -> Idempotency.checkKey(bad)).as(bad).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.toProblem().errors()).extracting("field").containsExactly("Idempotency-Key");
            });
        }
    }
}
