package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;

import cn.lianxin.tracking.config.SelfCheckInConfig;
import cn.lianxin.tracking.service.SelfCheckInLinks;

/** The link reader without the service: off without a key; RS256 with the configured key only. */
class SelfCheckInLinksTest {

    private static final Map<String, Object> CLAIMS = Map.of("iss", "lianxin-notification", "aud",
            "lianxin-self-check-in", "sub", UUID.randomUUID().toString(), "jti", UUID.randomUUID().toString(),
            "exp", Instant.now().getEpochSecond() + 3600, "purpose", "SELF_CHECK_IN");

    private static PublicKey configuredKey() throws Exception {
        String base64 = SelfCheckInKeys.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Test
    void withoutAPublicKeyTheFeatureIsOffAndNoLinkIsRead() {
        SelfCheckInLinks off = new SelfCheckInLinks((PublicKey) null);
        assertThat(off.enabled()).isFalse();
        assertThat(off.verify(SelfCheckInKeys.sign(CLAIMS, SelfCheckInKeys.privateKey()))).isEmpty();
    }

    @Test
    void aLinkSignedWithTheMatchingPrivateKeyIsReadAndAnyOtherSignatureIsNot() throws Exception {
        SelfCheckInLinks links = new SelfCheckInLinks(configuredKey());
        assertThat(links.verify(SelfCheckInKeys.sign(CLAIMS, SelfCheckInKeys.privateKey())))
                .hasValueSatisfying(c -> assertThat(c.subject()).isEqualTo(CLAIMS.get("sub")));
        assertThat(links.verify(SelfCheckInKeys.sign(CLAIMS, SelfCheckInKeys.strangerKey()))).isEmpty();
        String valid = SelfCheckInKeys.sign(CLAIMS, SelfCheckInKeys.privateKey());
        String hs256 = SelfCheckInKeys.base64("{\"alg\":\"HS256\"}") + valid.substring(valid.indexOf('.'));
        assertThat(links.verify(hs256)).isEmpty();
        assertThat(links.verify(valid + ".extra")).isEmpty();
        assertThat(links.verify("a".repeat(5000))).isEmpty();
    }

    @Test
    void aConfiguredKeyThatCannotBeReadStopsTheStartNamingTheProperty() throws Exception {
        String property = "lianxin.self-check-in.public-key";
        assertThatThrownBy(() -> SelfCheckInLinks.key(config("not a key"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(property);
        String truncated = SelfCheckInKeys.publicKeyPem().substring(0, SelfCheckInKeys.publicKeyPem().length() / 2);
        assertThatThrownBy(() -> SelfCheckInLinks.key(config(truncated))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(property);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String weak = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertThatThrownBy(() -> SelfCheckInLinks.key(config(weak))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(property).hasMessageContaining("2048");

        assertThat(SelfCheckInLinks.key(config(SelfCheckInKeys.publicKeyPem()))).isEqualTo(configuredKey());
        assertThat(SelfCheckInLinks.key(Optional::empty)).isNull();
        assertThat(SelfCheckInLinks.key(config("  "))).isNull();
    }

    @Test
    void theKeyIsCheckedWhenTheServiceStarts() throws Exception {
        Method onStart = SelfCheckInLinks.class.getDeclaredMethod("onStart", StartupEvent.class, SelfCheckInConfig.class);
        assertThat(onStart.getParameters()[0].isAnnotationPresent(Observes.class)).isTrue();
        onStart.setAccessible(true);
        assertThatThrownBy(() -> onStart.invoke(null, new StartupEvent(), config("not a key")))
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getCause()).hasMessageContaining("lianxin.self-check-in.public-key"));
        assertThatNoException().isThrownBy(() -> onStart.invoke(null, new StartupEvent(), config(SelfCheckInKeys.publicKeyPem())));
    }

    private static SelfCheckInConfig config(String pem) {
        return () -> Optional.of(pem);
    }
}
