package cn.lianxin.member.domain;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contact-data health (联系方式核实): whether a member's contact details must be verified, and why. A detail whose
 * deliveries failed is failing until it is changed or confirmed; all of them are unconfirmed once nobody confirmed them
 * for a period (by default 12 months), counted from the last confirmation, else from registration. The one rule the
 * view and the list query share is {@link #cutoff}: unconfirmed when the last confirmation is at or before it.
 */
public final class ContactVerification {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Why the details must be verified. */
    public enum Reason {
        /** 手机号码 failed (SMS). */
        PHONE_FAILING,
        /** 电子邮箱 failed. */
        EMAIL_FAILING,
        /** 微信号 failed. */
        WECHAT_FAILING,
        /** Nobody confirmed the details for the period (默认 12 个月未核实). */
        UNCONFIRMED;

        static Reason failing(ContactDetail detail) {
            return switch (detail) {
                case PHONE -> PHONE_FAILING;
                case EMAIL -> EMAIL_FAILING;
                case WECHAT -> WECHAT_FAILING;
            };
        }
    }

    /** A failing detail: since when (the first failure not yet cleared) and the last failure's error code. */
    public record Failure(Instant since, String errorCode) {
    }

    /** The verdict as of an instant: due when there is any reason. */
    public record Assessment(boolean due, List<Reason> reasons) {
    }

    /** A MemberFlowedOut's notification goes to the outflow's phone/WeChat, not the register's. */
    private static final String MEMBER_FLOWED_OUT = "lianxin.member.MemberFlowedOut.v1";

    private ContactVerification() {
    }

    /**
     * Whether a failed delivery says the member's registered detail of its channel is bad: only when the address was
     * the register's — the recipient is the MEMBER (a LIAISON's phone is the one copied at assignment) and the source is
     * not a MemberFlowedOut (sent to the outflow's contact) — and the address itself was refused (the contract's
     * {@code DeliveryErrors.addressRefused}: a gateway error, a timeout, no address known or another error says nothing
     * about the address).
     */
    public static boolean flagsRegisteredDetail(String recipientRole, String sourceEventType, boolean addressRefused) {
        return "MEMBER".equals(recipientRole) && !MEMBER_FLOWED_OUT.equals(sourceEventType) && addressRefused;
    }

    /**
     * The latest confirmation that still counts as of {@code asOf}: {@code asOf} minus the period, on the Shanghai
     * calendar. Details last confirmed (or registered) at or before it are unconfirmed.
     */
    public static Instant cutoff(Instant asOf, Period unconfirmedAfter) {
        return asOf.atZone(SHANGHAI).minus(unconfirmedAfter).toInstant();
    }

    /**
     * When details last confirmed (or registered) at {@code last} became unconfirmed: {@code last} plus the period, on
     * the Shanghai calendar — the instant ContactVerificationDue names. The scan's SQL (ScanStatements.CONTACT_VERIFICATION_DUE)
     * computes the same; which members are due is still decided by {@link #cutoff} alone.
     */
    public static Instant unconfirmedSince(Instant last, Period unconfirmedAfter) {
        return last.atZone(SHANGHAI).plus(unconfirmedAfter).toInstant();
    }

    /** Whether details last confirmed at {@code confirmedAt} (else registered at {@code registeredAt}) are unconfirmed. */
    public static boolean unconfirmed(Instant registeredAt, Instant confirmedAt, Instant asOf, Period unconfirmedAfter) {
        Instant last = confirmedAt != null ? confirmedAt : registeredAt;
        return !last.isAfter(cutoff(asOf, unconfirmedAfter));
    }

    /** The verdict: every failing detail (in the order PHONE, EMAIL, WECHAT), then UNCONFIRMED. */
    public static Assessment assess(Map<ContactDetail, Failure> failing, Instant registeredAt, Instant confirmedAt,
            Instant asOf, Period unconfirmedAfter) {
        List<Reason> reasons = new ArrayList<>();
        for (ContactDetail detail : ContactDetail.values()) {
            if (failing.containsKey(detail)) {
                reasons.add(Reason.failing(detail));
            }
        }
        if (unconfirmed(registeredAt, confirmedAt, asOf, unconfirmedAfter)) {
            reasons.add(Reason.UNCONFIRMED);
        }
        return new Assessment(!reasons.isEmpty(), List.copyOf(reasons));
    }
}
