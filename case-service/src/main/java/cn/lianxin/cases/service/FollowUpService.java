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
import cn.lianxin.cases.repository.CaseHistory;
import cn.lianxin.cases.service.CaseCommands.RecordFollowUp;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Rule C7: a follow-up visit (回访) fills the next open slot of the plan; the case closes with the last one. */
@ApplicationScoped
@Transactional
public class FollowUpService {

    private final CaseAccess access;
    private final CaseHistory history;
    private final Timeline timeline;
    private final CaseClosing closing;
    private final Outbox outbox;
    private final OrgScope scope;
    private final Clock clock;

    public FollowUpService(CaseAccess access, CaseHistory history, Timeline timeline, CaseClosing closing, Outbox outbox,
            OrgScope scope, Clock clock) {
        this.access = access;
        this.history = history;
        this.timeline = timeline;
        this.closing = closing;
        this.outbox = outbox;
        this.scope = scope;
        this.clock = clock;
    }

    /** A follow-up is the {@code no}-th of its episode's plan. */
    public record Recorded(int episode, int no) {
    }

    public Recorded record(UUID caseId, @NotNull @Valid RecordFollowUp request) {
        CaseFile file = access.visibleCase(caseId);
        if (file.state != CaseState.FOLLOW_UP) {
            throw ProblemException.conflict("Case " + file.id + " is " + file.state + ", not in follow-up");
        }
        Instant now = clock.instant();
        if (request.at().isAfter(now)) {
            throw ProblemException.invalidField("at", "must not be in the future");
        }
        FollowUp next = history.nextFollowUp(file.id, file.episode).orElseThrow(); // a case in follow-up has one left
        next.doneAt = request.at();
        next.result = request.result();
        next.note = request.note();
        next.recordedBy = scope.userId();
        file.updatedAt = now;
        timeline.record(file, request.at(), scope.userId(), Kind.FOLLOW_UP, "follow-up " + next.no + ": "
                + request.result() + (request.note() == null ? "" : " — " + request.note()));
        // One fact entered once (§4b): tracking-service turns a SEEN_OK visit into a FOLLOW_UP contact.
        int planSize = (int) history.followUpsPlanned(file.id, file.episode);
        outbox.append(CaseEvents.FOLLOW_UP_RECORDED, file.memberId, new CaseEvents.FollowUpRecorded(file.id,
                file.memberId, file.orgId, next.no, planSize, next.doneAt, next.result.name(), next.recordedBy));
        long pending = history.followUpsPending(file.id, file.episode);
        if (pending == 0) {
            closing.close(file, "FOLLOW_UP_COMPLETED", now, scope.userId());
        }
        return new Recorded(next.episode, next.no);
    }
}
