package cn.lianxin.notification.selfcheckin;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import cn.lianxin.notification.config.SelfCheckInConfig;
import cn.lianxin.notification.domain.SelfCheckInClaims;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 报平安 links (docs/domain.md §7): a JWT (RS256) signed with this service's key, claims {@code iss}, {@code aud},
 * {@code sub} = member, {@code jti}, {@code iat}, {@code exp}, {@code purpose} = SELF_CHECK_IN, {@code src} = the
 * ContactMissed event, under {@code <link-base>/self-check-in/}. Routing fixes the claims; delivery signs them into the
 * text (RS256 is deterministic: a retry sends the same link). Checked at start-up: enabled without a usable key, the
 * service does not start. The link is a credential: never logged, never in an event or an API answer.
 */
@Startup
@ApplicationScoped
public class SelfCheckInLinks {

    /** Model key of the claims in a notification (not a template variable). */
    public static final String CLAIMS = "selfCheckIn";
    /** The template variable that holds the link, filled in at delivery. */
    public static final String URL = "checkInUrl";
    static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";
    static final String PEM_FOOTER = "-----END PRIVATE KEY-----";

    private final boolean enabled;
    private final PrivateKey key;
    private final Period validity;
    private final String linkBase;
    private final Clock clock;

    public SelfCheckInLinks(SelfCheckInConfig config, Clock clock) {
        this.enabled = config.enabled();
        if (enabled && config.privateKey().filter(pem -> !pem.isBlank()).isEmpty()) {
            throw new IllegalStateException("lianxin.self-check-in.enabled=true needs lianxin.self-check-in.private-key"
                    + " (LIANXIN_SELF_CHECK_IN_PRIVATE_KEY): the PEM text of a PKCS#8 RSA private key ("
                    + PEM_HEADER + ") to sign the 报平安 links with");
        }
        this.key = config.privateKey().filter(pem -> !pem.isBlank()).map(SelfCheckInLinks::privateKey).orElse(null);
        this.validity = config.linkValidity();
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalStateException("lianxin.self-check-in.link-validity must be a positive ISO-8601 period, e.g. P14D");
        }
        String base = config.linkBase().strip();
        this.linkBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.clock = clock;
    }

    /** Read for every event: whether this deployment sends the member a link with the quarterly reminder. */
    public boolean enabled() {
        return enabled;
    }

    /** The link's claims for the member of a ContactMissed event, issued now; empty when self check-in is off. */
    public Optional<SelfCheckInClaims> grant(UUID sourceEventId, UUID memberId) {
        return enabled ? Optional.of(SelfCheckInClaims.issue(sourceEventId, memberId, clock.instant(), validity,
                ShanghaiCalendar.ZONE)) : Optional.empty();
    }

    /**
     * The data a notification's template is rendered with at {@code now}: with {@value #URL} signed from the claims the
     * model carries under {@value #CLAIMS}; any other model as it is.
     *
     * @throws Unavailable when the link expired ({@code exp} ≤ {@code now}) or there is no key to sign it with: the
     *         message cannot be sent, on any channel
     */
    public Map<String, Object> withLink(Map<String, Object> model, Instant now) {
        if (model == null || !(model.get(CLAIMS) instanceof Map<?, ?> claims)) {
            return model;
        }
        SelfCheckInClaims granted = SelfCheckInClaims.fromModel(claims);
        if (!granted.expiresAt().isAfter(now)) {
            throw new Unavailable("the 报平安 link expired at " + granted.expiresAt() + ": not sent");
        }
        Map<String, Object> data = new HashMap<>(model);
        data.put(URL, link(granted));
        return data;
    }

    /** {@code <link-base>/self-check-in/<token>}. */
    public String link(SelfCheckInClaims claims) {
        if (key == null) {
            throw new Unavailable("no lianxin.self-check-in.private-key to sign the 报平安 link with (self check-in"
                    + " switched off since routing?): not sent");
        }
        String token = Jwt.claims()
                .issuer(SelfCheckInClaims.ISSUER)
                .audience(SelfCheckInClaims.AUDIENCE)
                .subject(claims.memberId().toString())
                .claim("jti", claims.tokenId().toString())
                .issuedAt(claims.issuedAt())
                .expiresAt(claims.expiresAt())
                .claim("purpose", SelfCheckInClaims.PURPOSE)
                .claim("src", claims.sourceEventId().toString())
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign(key);
        return linkBase + "/self-check-in/" + token;
    }

    /** A 报平安 message that cannot be sent any more (its link expired, or no key signs it); never names the link. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Parses the configured PEM; the message names the setting, never the key. */
    static PrivateKey privateKey(String pem) {
        String text = pem.strip();
        if (!text.startsWith(PEM_HEADER) || !text.contains(PEM_FOOTER)) {
            throw new IllegalStateException("lianxin.self-check-in.private-key is not a PKCS#8 PEM private key (" + PEM_HEADER
                    + " … " + PEM_FOOTER + "); convert an RSA key with: openssl pkcs8 -topk8 -nocrypt");
        }
        String base64 = text.substring(PEM_HEADER.length(), text.indexOf(PEM_FOOTER)).replace("\\n", "")
                .replaceAll("\\s", "");
        try {
            PrivateKey parsed = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (((RSAPrivateKey) parsed).getModulus().bitLength() < 2048) {
                throw new IllegalStateException("lianxin.self-check-in.private-key: an RSA key of at least 2048 bits is needed");
            }
            return parsed;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("lianxin.self-check-in.private-key is not a PKCS#8 RSA private key: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
