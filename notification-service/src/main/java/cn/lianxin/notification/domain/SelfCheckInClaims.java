package cn.lianxin.notification.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one 报平安 link grants (docs/domain.md §7): a SELF_CHECK_IN contact for one member, asked for by one ContactMissed
 * event, until it expires. The token id is derived from (event, member), so every retry, fallback or re-signing of the
 * same notification carries the same link; the link itself (a credential) is signed only when the message is rendered.
 */
public record SelfCheckInClaims(UUID memberId, UUID sourceEventId, UUID tokenId, Instant issuedAt, Instant expiresAt) {

    public static final String ISSUER = "lianxin-notification";
    public static final String AUDIENCE = "lianxin-self-check-in";
    public static final String PURPOSE = "SELF_CHECK_IN";

    /**
     * Claims issued at {@code now} (whole seconds, as a JWT carries them), valid through the whole day {@code validity}
     * after the issue date in {@code zone}: they expire at the start of the day after it, so the date a member is shown
     * ({@link #lastValidDay}) holds to its end.
     */
    public static SelfCheckInClaims issue(UUID sourceEventId, UUID memberId, Instant now, Period validity, ZoneId zone) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        LocalDate lastDay = issuedAt.atZone(zone).toLocalDate().plus(validity);
        return new SelfCheckInClaims(memberId, sourceEventId, tokenId(sourceEventId, memberId), issuedAt,
                lastDay.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The last day (in {@code zone}) the link is valid on: the day before it expires, shown in the message. */
    public LocalDate lastValidDay(ZoneId zone) {
        return expiresAt.minusNanos(1).atZone(zone).toLocalDate();
    }

    /** A name-based UUID: the same (event, member) always gives the same token id ({@code jti}). */
    public static UUID tokenId(UUID sourceEventId, UUID memberId) {
        return UUID.nameUUIDFromBytes(("lianxin-self-check-in:" + sourceEventId + ":" + memberId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** As kept in a notification's model (JSON): plain strings. */
    public Map<String, Object> toModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("memberId", memberId.toString());
        model.put("sourceEventId", sourceEventId.toString());
        model.put("tokenId", tokenId.toString());
        model.put("issuedAt", issuedAt.toString());
        model.put("expiresAt", expiresAt.toString());
        return model;
    }

    public static SelfCheckInClaims fromModel(Map<?, ?> model) {
        return new SelfCheckInClaims(UUID.fromString(String.valueOf(model.get("memberId"))),
                UUID.fromString(String.valueOf(model.get("sourceEventId"))),
                UUID.fromString(String.valueOf(model.get("tokenId"))),
                Instant.parse(String.valueOf(model.get("issuedAt"))),
                Instant.parse(String.valueOf(model.get("expiresAt"))));
    }
}
