package cn.lianxin.platform.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens whose signature was verified, by the token's exact text: a front-end sends the same token with every
 * request, and verifying its RSA signature again each time cost 0.27 ms of CPU a request, 40 % of a simple read's (the
 * client compiler the services run with has no intrinsics for RSA's big-number arithmetic). A remembered
 * token is served only while the parser itself would still accept it on time: before its {@code exp} and within its
 * maximum age ({@code mp.jwt.verify.token.age}), both without the clock skew; past either, it is parsed and verified
 * again, and the parser decides. Any other text — another signature, other claims — is another key: verified in full.
 * Refused tokens are never remembered. Wall clock time, never the service's (time-travelling) clock: tokens are issued
 * in real time.
 *
 * <p>Key rotation (密钥轮换): the first token verified with a key id ({@code kid}) not seen before means the parser has
 * just fetched a key set holding a new key, which may have dropped an old one; every remembered verification is then
 * forgotten, so that the tokens of a removed key are refused from that moment, as without this cache. A key removed
 * with no new key seen is refused once the parser's key set is refreshed and the remembered verification is older
 * than {@link VerifiedTokensConfig#timeToLive()}.
 */
public final class VerifiedTokens {

    /** The full verification: signature, issuer, audience, times. */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private record Verified(JsonWebToken token, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cache<String, Verified> verified;
    private final Set<String> keyIdsSeen = ConcurrentHashMap.newKeySet();
    private final Duration timeToLive;
    private final Optional<Long> maxAgeSeconds;
    private final Clock wallClock;

    /**
     * @param maxAgeSeconds the parser's maximum token age, when it has one
     */
    public VerifiedTokens(int maxSize, Duration timeToLive, Optional<Long> maxAgeSeconds, Clock wallClock) {
        this.verified = maxSize == 0 ? null
                : Caffeine.newBuilder().maximumSize(maxSize).executor(Runnable::run).build();
        this.timeToLive = timeToLive;
        this.maxAgeSeconds = maxAgeSeconds;
        this.wallClock = wallClock;
    }

    /** The token's principal: remembered, or verified by {@code verifier} now (and then remembered). */
    public JsonWebToken parse(String token, Verifier verifier) throws ParseException {
        if (verified == null) {
            return verifier.verify(token);
        }
        Instant now = wallClock.instant();
        Verified known = verified.getIfPresent(token);
        if (known != null && stillTrusted(known, now)) {
            return known.token();
        }
        JsonWebToken parsed = verifier.verify(token);
        if (keyIdsSeen.add(keyId(token))) {
            verified.invalidateAll();
        }
        verified.put(token, new Verified(parsed, now));
        return parsed;
    }

    /** The {@code kid} of a verified token's header ("" without one). */
    private static String keyId(String token) {
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
            return header.path("kid").asText("");
        } catch (IOException | RuntimeException unreadable) {
            return ""; // verified, so it is a JWS; a header the parser read and this cannot is no key id
        }
    }

    private boolean stillTrusted(Verified known, Instant now) {
        long seconds = now.getEpochSecond();
        return now.isBefore(known.at().plus(timeToLive)) && seconds < known.token().getExpirationTime()
                && maxAgeSeconds.map(age -> seconds < known.token().getIssuedAtTime() + age).orElse(true);
    }
}
