package cn.lianxin.member.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * member-service's view of tracking-service's {@code ContactRecorded}: only what the reconciliation report needs (the
 * contact, the member, when, whether the member was reached). Channel, author and notes are not kept.
 */
public record ContactRecorded(UUID contactId, UUID memberId, Instant at, String outcome) {

    public boolean reached() {
        return "REACHED".equals(outcome);
    }
}
