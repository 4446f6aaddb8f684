package cn.lianxin.tracking.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

import cn.lianxin.tracking.config.SelfCheckInConfig;
import cn.lianxin.tracking.domain.SelfCheckInLink.Claims;

/**
 * Reads a 报平安 link token: a JWS in compact form, RS256 only, signed with notification-service's private key and
 * checked here with its public key ({@code lianxin.self-check-in.public-key}). A token with another algorithm, a
 * critical header, a bad signature or unreadable claims yields nothing; what its claims mean is the domain's
 * {@link cn.lianxin.tracking.domain.SelfCheckInLink} rule.
 */
@ApplicationScoped
public class SelfCheckInLinks {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** A link fits in a URL: anything longer is not one of ours. */
    private static final int MAX_TOKEN_LENGTH = 2048;

    private final PublicKey key;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public SelfCheckInLinks(SelfCheckInConfig config) {
        this(key(config));
    }

    /** Reads the configured key at start-up: a key that cannot be read stops the service now, not at the first link. */
    static void onStart(@Observes StartupEvent event, SelfCheckInConfig config) {
        key(config);
    }

    /**
     * The configured public key; null when none is (the feature is off).
     *
     * @throws IllegalStateException naming {@code lianxin.self-check-in.public-key} when it is not a PEM RSA public key
     *         of at least 2048 bits
     */
    public static PublicKey key(SelfCheckInConfig config) {
        return config.publicKey().filter(pem -> !pem.isBlank()).map(SelfCheckInLinks::parse).orElse(null);
    }

    /** {@code key} null: the feature is off. */
    public SelfCheckInLinks(PublicKey key) {
        this.key = key;
    }

    /** Whether a public key is configured: without one, every link answers 404. */
    public boolean enabled() {
        return key != null;
    }

    /** The claims of a token whose signature holds; empty for anything else. */
    public Optional<Claims> verify(String token) {
        if (key == null || token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = json.readTree(BASE64URL.decode(parts[0]));
            if (!header.isObject() || !"RS256".equals(header.path("alg").asText(null)) || header.has("crit")) {
                return Optional.empty();
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(BASE64URL.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(BASE64URL.decode(parts[1]));
            if (!claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(text(claims, "iss"), audiences(claims.get("aud")), text(claims, "sub"),
                    text(claims, "jti"), text(claims, "purpose"),
                    claims.path("exp").isNumber() ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null,
                    text(claims, "src")));
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<String> audiences(JsonNode aud) {
        List<String> audiences = new ArrayList<>();
        if (aud != null && aud.isTextual()) {
            audiences.add(aud.asText());
        } else if (aud != null && aud.isArray()) {
            aud.forEach(a -> audiences.add(a.isTextual() ? a.asText() : ""));
        }
        return audiences;
    }

    /** An X.509 SubjectPublicKeyInfo RSA key in PEM; a key that cannot be read stops the service at start-up. */
    static PublicKey parse(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
            if (((RSAPublicKey) key).getModulus().bitLength() < 2048) {
                throw new IllegalStateException("lianxin.self-check-in.public-key: an RSA key of at least 2048 bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("lianxin.self-check-in.public-key is not a PEM RSA public key "
                    + "(-----BEGIN PUBLIC KEY-----)", e);
        }
    }
}
