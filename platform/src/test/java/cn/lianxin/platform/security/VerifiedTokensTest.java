package cn.lianxin.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokensTest {

    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private final Clock wallClock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<String> verifications = new ArrayList<>();

    /** A compact JWS of key {@code kid} whose payload (unencoded here) is {@code payload}. */
    private static String jws(String kid, String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + payload + ".signature";
    }

    /** Verifies tokens whose payload starts "good", issued now for an hour; refuses every other. */
    private JsonWebToken verify(String token) throws ParseException {
        verifications.add(token);
        if (!token.split("\\.")[1].startsWith("good")) {
            throw new ParseException("bad signature");
        }
        JwtClaims claims = new JwtClaims();
        claims.setSubject(token.split("\\.")[1]);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(3600).getEpochSecond()));
        return new DefaultJWTCallerPrincipal(claims);
    }

    private VerifiedTokens tokens(int maxSize, Duration timeToLive, Long maxAgeSeconds) {
        return new VerifiedTokens(maxSize, timeToLive, Optional.ofNullable(maxAgeSeconds), wallClock);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedAsVerified() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5), 86_400L);
        JsonWebToken first = tokens.parse(jws("k1", "good-a"), this::verify);
        now = now.plusSeconds(60);
        assertThat(tokens.parse(jws("k1", "good-a"), this::verify)).isSameAs(first);
        assertThat(tokens.parse(jws("k1", "good-b"), this::verify).getSubject()).isEqualTo("good-b");
        assertThat(verifications).containsExactly(jws("k1", "good-a"), jws("k1", "good-b"));
    }

    @Test
    void anyOtherTextIsVerifiedInFullAndARefusedTokenIsNeverRemembered() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5), null);
        tokens.parse(jws("k1", "good-a"), this::verify);
        assertThatThrownBy(() -> tokens.parse(jws("k1", "good-a").replace("good", "evil"), this::verify))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(jws("k1", "evil-a"), this::verify)).isInstanceOf(ParseException.class);
        assertThat(verifications).containsExactly(jws("k1", "good-a"), jws("k1", "evil-a"), jws("k1", "evil-a"));
    }

    /** Parses {@code token} now and {@code seconds} - 1 later (remembered), then a second later (verified again). */
    private void rememberedFor(long seconds, VerifiedTokens tokens, String token) throws ParseException {
        verifications.clear();
        tokens.parse(token, this::verify);
        now = now.plusSeconds(seconds - 1);
        tokens.parse(token, this::verify);
        assertThat(verifications).hasSize(1);
        now = now.plusSeconds(1);
        tokens.parse(token, this::verify);
        assertThat(verifications).hasSize(2);
    }

    @Test
    void aRememberedTokenPastItsExpiryOrMaximumAgeGoesBackToTheParser() throws ParseException {
        rememberedFor(3600, tokens(10, Duration.ofDays(1), null), jws("k1", "good-a")); // exp: an hour after iat
        rememberedFor(600, tokens(10, Duration.ofDays(1), 600L), jws("k1", "good-b"));
    }

    @Test
    void aVerificationIsTrustedForItsTimeToLiveOnly() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5), null);
        rememberedFor(300, tokens, jws("k1", "good-a"));
        now = now.plusSeconds(299);
        tokens.parse(jws("k1", "good-a"), this::verify);
        assertThat(verifications).hasSize(2);
    }

    @Test
    void atMostItsSizeIsRemembered() throws ParseException {
        VerifiedTokens tokens = tokens(2, Duration.ofMinutes(5), null);
        for (int i = 0; i < 50; i++) {
            tokens.parse(jws("k1", "good-" + i), this::verify);
        }
        verifications.clear();
        for (int i = 0; i < 50; i++) {
            tokens.parse(jws("k1", "good-" + i), this::verify);
        }
        assertThat(verifications).hasSizeGreaterThanOrEqualTo(40); // Caffeine may hold a few more for a moment
    }

    @Test
    void aTokenOfANewKeyMakesEveryRememberedVerificationBeRedone() throws ParseException {
        VerifiedTokens tokens = tokens(10, Duration.ofMinutes(5), null);
        tokens.parse(jws("k1", "good-a"), this::verify);
        tokens.parse(jws("k1", "good-b"), this::verify);
        tokens.parse(jws("k1", "good-a"), this::verify);
        assertThat(verifications).hasSize(2);
        tokens.parse(jws("k2", "good-c"), this::verify); // a rotation: k1 may be gone from the key set
        tokens.parse(jws("k1", "good-a"), this::verify);
        tokens.parse(jws("k2", "good-c"), this::verify);
        tokens.parse(jws("k1", "good-a"), this::verify);
        assertThat(verifications).containsExactly(jws("k1", "good-a"), jws("k1", "good-b"), jws("k2", "good-c"),
                jws("k1", "good-a"));
    }

    @Test
    void sizeZeroVerifiesEveryRequest() throws ParseException {
        VerifiedTokens tokens = tokens(0, Duration.ofMinutes(5), null);
        tokens.parse(jws("k1", "good-a"), this::verify);
        tokens.parse(jws("k1", "good-a"), this::verify);
        assertThat(verifications).containsExactly(jws("k1", "good-a"), jws("k1", "good-a"));
    }
}
