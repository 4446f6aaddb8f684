package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.FollowUp;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.messaging.CaseEvents;
import cn.lianxin.cases.rest.CaseDtos.RecordFollowUp;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Rule C7: a follow-up visit (回访) fills the next open slot of the plan; the case closes with the last one. */
@ApplicationScoped
@Transactional
public class FollowUpService {

    private final CaseRepository cases;
    private final Outbox outbox;
    private final OrgScope scope;
    private final Clock clock;

    public FollowUpService(CaseRepository cases, Outbox outbox, OrgScope scope, Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.scope = scope;
        this.clock = clock;
    }

    public FollowUp record(UUID caseId, @NotNull @Valid RecordFollowUp request) {
        CaseFile file = cases.visibleCase(caseId);
        if (file.state != CaseState.FOLLOW_UP) {
            throw ProblemException.conflict("Case " + file.id + " is " + file.state + ", not in follow-up");
        }
        Instant now = clock.instant();
        if (request.at().isAfter(now)) {
            throw ProblemException.invalidField("at", "must not be in the future");
        }
        FollowUp next = FollowUp.<FollowUp>find("caseId = ?1 and episode = ?2 and doneAt is null order by no",
                file.id, file.episode).firstResult();
        next.doneAt = request.at();
        next.result = request.result();
        next.note = request.note();
        next.recordedBy = scope.userId();
        file.updatedAt = now;
        Timeline.record(file, request.at(), scope.userId(), Kind.FOLLOW_UP, "follow-up " + next.no + ": "
                + request.result() + (request.note() == null ? "" : " — " + request.note()));
        // One fact entered once (§4b): tracking-service turns a SEEN_OK visit into a FOLLOW_UP contact.
        int planSize = (int) FollowUp.count("caseId = ?1 and episode = ?2", file.id, file.episode);
        outbox.append(CaseEvents.FOLLOW_UP_RECORDED, file.memberId, new CaseEvents.FollowUpRecorded(file.id,
                file.memberId, file.orgId, next.no, planSize, next.doneAt, next.result.name(), next.recordedBy));
        long pending = FollowUp.count("caseId = ?1 and episode = ?2 and doneAt is null", file.id, file.episode);
        if (pending == 0) {
            CaseClosing.close(file, "FOLLOW_UP_COMPLETED", now, scope.userId(), outbox);
        }
        return next;
    }
}
