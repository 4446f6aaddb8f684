package cn.lianxin.tracking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;
import cn.lianxin.tracking.domain.EmittedState;

/**
 * Payloads of the {@code contact.events} this service appends one by one (the scans build theirs in SQL, see
 * {@link cn.lianxin.tracking.repository.ScanStatements}); shapes as in contracts/schemas/contact.
 */
public final class ContactEvents {

    public static final String CONTACT_RECORDED = "lianxin.contact.ContactRecorded.v1";
    public static final String CONTACT_RESTORED = "lianxin.contact.ContactRestored.v1";
    public static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";
    public static final String MEMBER_UNCONTROLLED = "lianxin.contact.MemberUncontrolled.v1";
    public static final String LOST_CONTACT_SUSPECTED = "lianxin.contact.LostContactSuspected.v1";
    public static final String SELF_WITHDRAWAL_SUSPECTED = "lianxin.contact.SelfWithdrawalSuspected.v1";
    public static final String DUES_ARREARS = "lianxin.contact.DuesArrears.v1";

    private ContactEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactRecorded(UUID contactId, UUID memberId, UUID orgId, Instant at, ContactChannel channel,
            ContactOutcome outcome, String recordedBy, String contactedBy, UUID caseId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactRestored(UUID memberId, UUID orgId, UUID contactId, Instant reachedAt,
            ContactChannel channel, List<EmittedState> cleared, UUID caseId) {
    }
}
