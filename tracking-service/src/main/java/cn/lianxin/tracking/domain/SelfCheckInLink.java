package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The claims of a 报平安 link (a JWS signed by notification-service) and the rule that decides whether they make a
 * link: single purpose (iss, aud and purpose all say so), a member and a link id, and not expired. The signature is
 * checked before the claims are read; an ordinary access token fails here (another issuer, no such audience or
 * purpose).
 */
public final class SelfCheckInLink {

    public static final String ISSUER = "lianxin-notification";
    public static final String AUDIENCE = "lianxin-self-check-in";
    public static final String PURPOSE = "SELF_CHECK_IN";

    /** What a link says, once its signature held. {@code audiences}: aud as a list (a string becomes one item). */
    public record Claims(String issuer, List<String> audiences, String subject, String jti, String purpose,
            Instant expiresAt, String source) {
    }

    /** A link that passed: the member to record for, the link's id, its expiry. */
    public record Valid(UUID memberId, UUID jti, Instant expiresAt) {
    }

    /** How a link's claims were judged. */
    public enum Verdict {
        VALID, EXPIRED, INVALID
    }

    private SelfCheckInLink() {
    }

    /** INVALID unless every claim is the link's; EXPIRED for a link that was one but whose exp has passed. */
    public static Verdict judge(Claims claims, Instant now) {
        if (!ISSUER.equals(claims.issuer()) || claims.audiences() == null || !claims.audiences().contains(AUDIENCE)
                || !PURPOSE.equals(claims.purpose()) || uuid(claims.subject()) == null || uuid(claims.jti()) == null
                || claims.expiresAt() == null) {
            return Verdict.INVALID;
        }
        return now.isBefore(claims.expiresAt()) ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** The link of claims judged VALID. */
    public static Valid valid(Claims claims) {
        return new Valid(uuid(claims.subject()), uuid(claims.jti()), claims.expiresAt());
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
