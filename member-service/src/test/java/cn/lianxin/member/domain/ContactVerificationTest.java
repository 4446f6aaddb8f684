package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.ContactVerification.Failure;
import cn.lianxin.member.domain.ContactVerification.Reason;

class ContactVerificationTest {

    private static final Period TWELVE_MONTHS = Period.ofMonths(12);
    private static final Map<ContactDetail, Failure> NONE = Map.of();

    private static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @Test
    void detailsNobodyConfirmedForTwelveMonthsSinceRegistrationMustBeVerified() {
        Instant registered = shanghai("2025-11-30T10:00");

        assertThat(ContactVerification.unconfirmed(registered, null, shanghai("2026-11-30T09:59"), TWELVE_MONTHS)).isFalse();
        assertThat(ContactVerification.unconfirmed(registered, null, shanghai("2026-11-30T10:00"), TWELVE_MONTHS)).isTrue();
    }

    @Test
    void theLastConfirmationRestartsTheTwelveMonths() {
        Instant registered = shanghai("2020-01-01T08:00");
        Instant confirmed = shanghai("2026-03-15T14:00");

        assertThat(ContactVerification.unconfirmed(registered, confirmed, shanghai("2027-03-15T13:59"), TWELVE_MONTHS)).isFalse();
        assertThat(ContactVerification.unconfirmed(registered, confirmed, shanghai("2027-03-15T14:00"), TWELVE_MONTHS)).isTrue();
    }

    @Test
    void thePeriodIsConfigurable() {
        Instant registered = shanghai("2026-01-10T00:00");

        assertThat(ContactVerification.unconfirmed(registered, null, shanghai("2026-07-10T00:00"), Period.ofMonths(6))).isTrue();
        assertThat(ContactVerification.unconfirmed(registered, null, shanghai("2026-07-10T00:00"), TWELVE_MONTHS)).isFalse();
    }

    @Test
    void monthsAreCountedOnTheShanghaiCalendar() {
        // 2026-02-28 16:30 UTC is 1 March 00:30 in Shanghai: twelve months later is 1 March 2027 00:30 there.
        Instant registered = Instant.parse("2026-02-28T16:30:00Z");

        assertThat(ContactVerification.cutoff(shanghai("2027-03-01T00:30"), TWELVE_MONTHS)).isEqualTo(registered);
    }

    @Test
    void theDetailsBecomeUnconfirmedThePeriodAfterTheLastConfirmationOnTheShanghaiCalendar() {
        Instant confirmed = shanghai("2026-03-15T14:00");
        Instant since = ContactVerification.unconfirmedSince(confirmed, TWELVE_MONTHS);

        assertThat(since).isEqualTo(shanghai("2027-03-15T14:00"));
        assertThat(ContactVerification.unconfirmed(confirmed, null, since, TWELVE_MONTHS)).isTrue();
        assertThat(ContactVerification.unconfirmed(confirmed, null, since.minusSeconds(1), TWELVE_MONTHS)).isFalse();
        // 1 March 00:30 in Shanghai is still 28 February in UTC: the months are Shanghai's
        assertThat(ContactVerification.unconfirmedSince(Instant.parse("2026-02-28T16:30:00Z"), TWELVE_MONTHS))
                .isEqualTo(shanghai("2027-03-01T00:30"));
        assertThat(ContactVerification.unconfirmedSince(confirmed, Period.ofMonths(6))).isEqualTo(shanghai("2026-09-15T14:00"));
    }

    @Test
    void aFailingDetailMustBeVerifiedEvenWhenRecentlyConfirmed() {
        Map<ContactDetail, Failure> failing = new EnumMap<>(ContactDetail.class);
        failing.put(ContactDetail.WECHAT, new Failure(shanghai("2026-11-01T09:00"), "REJECTED"));
        failing.put(ContactDetail.PHONE, new Failure(shanghai("2026-11-02T09:00"), "INVALID_ADDRESS"));

        var verdict = ContactVerification.assess(failing, shanghai("2026-10-01T00:00"), null, shanghai("2026-11-30T00:00"),
                TWELVE_MONTHS);

        assertThat(verdict.due()).isTrue();
        assertThat(verdict.reasons()).containsExactly(Reason.PHONE_FAILING, Reason.WECHAT_FAILING);
    }

    @Test
    void failingAndUnconfirmedAreBothReasons() {
        var verdict = ContactVerification.assess(Map.of(ContactDetail.EMAIL, new Failure(shanghai("2026-11-01T09:00"), "TIMEOUT")),
                shanghai("2020-01-01T00:00"), shanghai("2025-01-01T00:00"), shanghai("2026-11-30T00:00"), TWELVE_MONTHS);

        assertThat(verdict.reasons()).containsExactly(Reason.EMAIL_FAILING, Reason.UNCONFIRMED);
    }

    @Test
    void recentlyConfirmedDetailsWithoutFailuresNeedNothing() {
        var verdict = ContactVerification.assess(NONE, shanghai("2020-01-01T00:00"), shanghai("2026-06-01T00:00"),
                shanghai("2026-11-30T00:00"), TWELVE_MONTHS);

        assertThat(verdict.due()).isFalse();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aFailureBeforeTheLastConfirmationIsStale() {
        Member member = new Member();
        member.contactConfirmedAt = shanghai("2026-11-10T10:00");

        assertThat(member.flagFailing(ContactDetail.PHONE, shanghai("2026-11-09T10:00"), "TIMEOUT")).isFalse();
        assertThat(member.failingDetails()).isEmpty();
        assertThat(member.flagFailing(ContactDetail.PHONE, shanghai("2026-11-11T10:00"), "TIMEOUT")).isTrue();
        assertThat(member.failingDetails()).containsOnlyKeys(ContactDetail.PHONE);
    }

    @Test
    void aDetailStaysFailingFromItsFirstFailureWithTheLastErrorCode() {
        Member member = new Member();
        member.flagFailing(ContactDetail.EMAIL, shanghai("2026-11-12T10:00"), "TIMEOUT");
        member.flagFailing(ContactDetail.EMAIL, shanghai("2026-11-10T10:00"), "REJECTED");
        member.flagFailing(ContactDetail.EMAIL, shanghai("2026-11-20T10:00"), "INVALID_ADDRESS");

        assertThat(member.failingDetails().get(ContactDetail.EMAIL))
                .isEqualTo(new Failure(shanghai("2026-11-10T10:00"), "INVALID_ADDRESS"));
        member.confirmContacts(shanghai("2026-11-21T10:00"), "secretary");
        assertThat(member.failingDetails()).isEmpty();
    }

    @Test
    void onlyARefusedAddressOnTheRegistersAddressFlagsADetail() {
        String missed = "lianxin.contact.ContactMissed.v1";
        assertThat(ContactVerification.flagsRegisteredDetail("MEMBER", missed, true)).isTrue();
        assertThat(ContactVerification.flagsRegisteredDetail("MEMBER", missed, false)).isFalse();
        assertThat(ContactVerification.flagsRegisteredDetail("LIAISON", missed, true)).isFalse();
        assertThat(ContactVerification.flagsRegisteredDetail(null, missed, true)).isFalse();
        assertThat(ContactVerification.flagsRegisteredDetail("MEMBER", "lianxin.member.MemberFlowedOut.v1", true))
                .isFalse();
    }

    @Test
    void aFailureDatedAtOrBeforeTheDetailsLastChangeIsStale() {
        Member member = new Member();
        member.contactChanged(ContactDetail.PHONE, shanghai("2026-11-10T10:00"));

        assertThat(member.flagFailing(ContactDetail.PHONE, shanghai("2026-11-09T10:00"), "INVALID_ADDRESS")).isFalse();
        assertThat(member.flagFailing(ContactDetail.PHONE, shanghai("2026-11-10T10:00"), "INVALID_ADDRESS")).isFalse();
        assertThat(member.failingDetails()).isEmpty();
        assertThat(member.flagFailing(ContactDetail.EMAIL, shanghai("2026-11-09T10:00"), "REJECTED")).isTrue();
        assertThat(member.flagFailing(ContactDetail.PHONE, shanghai("2026-11-10T10:01"), "REJECTED")).isTrue();
        assertThat(member.failingDetails()).containsOnlyKeys(ContactDetail.PHONE, ContactDetail.EMAIL);
    }
}
