package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One 联系记录 as stored: who was reached (or not) when, by which channel; who recorded it (the caller, never the
 * client's say) and who made the contact if someone else did; the case it came from, for a finding or a follow-up.
 */
public record Contact(UUID id, UUID memberId, UUID orgId, Instant at, ContactChannel channel, ContactOutcome outcome,
        String recordedBy, String contactedBy, UUID caseId, String note, Instant recordedAt) {
}
