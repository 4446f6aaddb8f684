package cn.lianxin.cases.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.platform.outbox.Outbox;

/** Closing a case: the same facts whichever way it ends. */
@ApplicationScoped
class CaseClosing {

    private final Timeline timeline;
    private final Outbox outbox;

    CaseClosing(Timeline timeline, Outbox outbox) {
        this.timeline = timeline;
        this.outbox = outbox;
    }

    void close(CaseFile file, String resolution, Instant at, String actor) {
        file.close(resolution, at);
        timeline.record(file, at, actor, Kind.CLOSED, resolution);
        outbox.append(CaseEvents.CASE_CLOSED, file.memberId, new CaseEvents.CaseClosed(file.id, file.memberId,
                file.orgId, resolution, file.lostSince, file.foundAt, file.daysLost(at), file.disposition,
                file.attemptCount, file.reLossCount));
    }
}
