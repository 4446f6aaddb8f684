package cn.lianxin.cases.service;

import java.time.Instant;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.messaging.CaseEvents;
import cn.lianxin.platform.outbox.Outbox;

/** Closing a case: the same facts whichever way it ends. */
final class CaseClosing {

    private CaseClosing() {
    }

    static void close(CaseFile file, String resolution, Instant at, String actor, Outbox outbox) {
        file.state = CaseState.CLOSED;
        file.closedAt = at;
        file.resolution = resolution;
        file.escalationDueAt = null;
        file.updatedAt = at;
        Timeline.record(file, at, actor, Kind.CLOSED, resolution);
        outbox.append(CaseEvents.CASE_CLOSED, file.memberId, new CaseEvents.CaseClosed(file.id, file.memberId,
                file.orgId, resolution, file.lostSince, file.foundAt, file.daysLost(at), file.disposition,
                file.attemptCount, file.reLossCount));
    }
}
