package cn.lianxin.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.lianxin.tracking.domain.SelfCheckInLink.Claims;
import cn.lianxin.tracking.domain.SelfCheckInLink.Verdict;

/** A 报平安 link's claims: single purpose (issuer, audience, purpose), a member and a link id, not expired. */
class SelfCheckInLinkTest {

    private static final Instant NOW = Instant.parse("2027-03-10T02:00:00Z");
    private static final String MEMBER = UUID.randomUUID().toString();
    private static final String JTI = UUID.randomUUID().toString();

    private static Claims claims(String iss, List<String> aud, String sub, String jti, String purpose, Instant exp) {
        return new Claims(iss, aud, sub, jti, purpose, exp, UUID.randomUUID().toString());
    }

    private static Claims valid() {
        return claims(SelfCheckInLink.ISSUER, List.of(SelfCheckInLink.AUDIENCE), MEMBER, JTI, SelfCheckInLink.PURPOSE,
                NOW.plusSeconds(3600));
    }

    @Test
    void aLinkOfNotificationServiceForSelfCheckInIsValidUntilItsExpiry() {
        assertThat(SelfCheckInLink.judge(valid(), NOW)).isEqualTo(Verdict.VALID);
        assertThat(SelfCheckInLink.valid(valid()).memberId()).isEqualTo(UUID.fromString(MEMBER));
        assertThat(SelfCheckInLink.judge(valid(), NOW.plusSeconds(3600))).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherIssuerAudienceOrPurposeIsNoLink() {
        Claims v = valid();
        assertThat(SelfCheckInLink.judge(claims("https://lianxin.local", v.audiences(), MEMBER, JTI, v.purpose(),
                v.expiresAt()), NOW)).isEqualTo(Verdict.INVALID);
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), List.of("lianxin"), MEMBER, JTI, v.purpose(),
                v.expiresAt()), NOW)).isEqualTo(Verdict.INVALID);
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), List.of(), MEMBER, JTI, v.purpose(), v.expiresAt()), NOW))
                .isEqualTo(Verdict.INVALID);
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), v.audiences(), MEMBER, JTI, "UNSUBSCRIBE", v.expiresAt()),
                NOW)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aLinkNamesAMemberAndItsOwnIdAndExpires() {
        Claims v = valid();
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), v.audiences(), "李明", JTI, v.purpose(), v.expiresAt()), NOW))
                .isEqualTo(Verdict.INVALID);
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), v.audiences(), MEMBER, null, v.purpose(), v.expiresAt()), NOW))
                .isEqualTo(Verdict.INVALID);
        assertThat(SelfCheckInLink.judge(claims(v.issuer(), v.audiences(), MEMBER, JTI, v.purpose(), null), NOW))
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void anExpiredLinkWithWrongClaimsIsInvalidRatherThanExpired() {
        Claims v = valid();
        assertThat(SelfCheckInLink.judge(claims("someone", v.audiences(), MEMBER, JTI, v.purpose(), NOW.minusSeconds(1)),
                NOW)).isEqualTo(Verdict.INVALID);
    }
}
