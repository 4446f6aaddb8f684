package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.Decision;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.FollowUp;
import cn.lianxin.cases.domain.FollowUpPlan;
import cn.lianxin.cases.domain.Member;
import cn.lianxin.cases.domain.Procedure;
import cn.lianxin.cases.domain.ProcedureCheck;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.repository.CaseHistory;
import cn.lianxin.cases.repository.CaseRepository;
import cn.lianxin.cases.repository.MemberRepository;
import cn.lianxin.cases.service.CaseCommands.Decide;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * Records a disposition (处置) once its procedure holds, and emits CaseDisposed: member-service, the only writer of
 * standing, applies the standing change. Then the case closes, waits as suspended, or starts its follow-up plan.
 */
@ApplicationScoped
@Transactional
public class DecisionService {

    private final CaseAccess access;
    private final CaseRepository cases;
    private final MemberRepository members;
    private final CaseHistory history;
    private final Timeline timeline;
    private final CaseClosing closing;
    private final Outbox outbox;
    private final OrgScope scope;
    private final CaseRules rules;
    private final Clock clock;

    public DecisionService(CaseAccess access, CaseRepository cases, CaseHistory history, Timeline timeline,
            CaseClosing closing, MemberRepository members, Outbox outbox, OrgScope scope, CaseRules rules, Clock clock) {
        this.access = access;
        this.history = history;
        this.timeline = timeline;
        this.closing = closing;
        this.cases = cases;
        this.members = members;
        this.outbox = outbox;
        this.scope = scope;
        this.rules = rules;
        this.clock = clock;
    }

    /** @return the decision's id */
    public UUID decide(UUID caseId, @NotNull @Valid Decide request) {
        CaseFile file = access.visibleCase(caseId);
        Instant now = clock.instant();
        Procedure procedure = request.procedure() == null ? null : request.procedure().toDomain();
        String category = members.find(file.memberId).map(Member::category).orElse(null);
        List<FieldError> errors = ProcedureCheck.check(
                new ProcedureCheck.Proposal(request.type(), procedure, request.correctionMonths(),
                        request.readmissionBarUntil()),
                new ProcedureCheck.CaseFacts(file.state, category, file.lostSince, cases.channelsTried(file),
                        file.suspendedAt, file.foundAt),
                rules.procedure(), now);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The decision cannot be recorded: " + errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        Decision decision = record(file, request, procedure, now);
        apply(file, decision, now);
        return decision.id;
    }

    private Decision record(CaseFile file, Decide request, Procedure procedure, Instant now) {
        LocalDate today = ShanghaiCalendar.dateOf(now);
        Decision decision = new Decision();
        decision.id = UUID.randomUUID();
        decision.caseId = file.id;
        decision.type = request.type();
        decision.decidedAt = now;
        decision.decidedBy = scope.userId();
        if (procedure != null) {
            decision.body = procedure.body();
            decision.meetingDate = procedure.meetingDate();
            decision.eligible = procedure.eligible();
            decision.present = procedure.present();
            decision.votesFor = procedure.votesFor();
            decision.votesAgainst = procedure.votesAgainst();
            decision.abstentions = procedure.abstentions();
            decision.talk = procedure.talk();
            decision.talkText = "HELD".equals(procedure.talk()) ? procedure.talkRecord() : procedure.talkImpossibleEvidence();
            decision.approvalRef = procedure.approvalRef();
        }
        if (request.type() == DispositionType.CORRECTION) {
            decision.correctionMonths = request.correctionMonths();
            decision.correctionUntil = today.plusMonths(request.correctionMonths()).minusDays(1);
        }
        if (request.type().barsReadmission()) {
            LocalDate earliest = ProcedureCheck.readmissionBarFrom(today, rules.procedure());
            decision.readmissionBarUntil = request.readmissionBarUntil() == null ? earliest : request.readmissionBarUntil();
        }
        decision.reintegration = request.reintegration();
        decision.note = request.note();
        history.add(decision);
        return decision;
    }

    private void apply(CaseFile file, Decision decision, Instant now) {
        file.disposition = decision.type;
        file.updatedAt = now;
        timeline.disposed(file, now, decision.decidedBy, decision.type, describe(decision));
        outbox.append(CaseEvents.CASE_DISPOSED, file.memberId, disposed(file, decision));
        switch (decision.type) {
            case SUSPENDED -> {
                file.suspend(now);
            }
            case PERSUADED_TO_QUIT, REMOVED, PROBATION_CANCELLED -> closing.close(file, decision.type.name(), now,
                    decision.decidedBy);
            case RESTORED -> {
                file.suspendedAt = null; // 恢复党籍: no longer suspended (the timeline keeps the history)
                startFollowUp(file, now, decision.decidedBy);
            }
            case REINTEGRATED, CORRECTION -> startFollowUp(file, now, decision.decidedBy);
        }
    }

    /** C7: weekly ×4, then monthly ×3 (configurable), counted from the disposition. */
    private void startFollowUp(CaseFile file, Instant start, String actor) {
        List<FollowUpPlan.Planned> plan = FollowUpPlan.schedule(start, rules.followUp().plan());
        for (FollowUpPlan.Planned planned : plan) {
            FollowUp followUp = new FollowUp();
            followUp.caseId = file.id;
            followUp.episode = file.episode;
            followUp.no = planned.no();
            followUp.cadence = planned.cadence();
            followUp.dueAt = planned.dueAt();
            history.add(followUp);
        }
        if (plan.isEmpty()) {
            closing.close(file, "FOLLOW_UP_COMPLETED", start, actor);
            return;
        }
        file.startFollowUp();
        timeline.record(file, start, actor, Kind.FOLLOW_UP_PLANNED, plan.size() + " follow-ups, the first due "
                + plan.get(0).dueAt() + ", the last " + plan.get(plan.size() - 1).dueAt());
    }

    private static CaseEvents.CaseDisposed disposed(CaseFile file, Decision d) {
        CaseEvents.Procedure procedure = d.body == null ? null
                : new CaseEvents.Procedure(d.body, d.meetingDate, d.eligible, d.present, d.votesFor, d.votesAgainst,
                        d.abstentions, d.talk, d.approvalRef);
        return new CaseEvents.CaseDisposed(file.id, file.memberId, file.orgId, d.id, d.type,
                d.type.standingTo().orElse(null), d.decidedAt, procedure, d.correctionMonths, d.correctionUntil,
                d.reintegration == null ? null : d.reintegration.name(), d.readmissionBarUntil, d.decidedBy);
    }

    private static String describe(Decision d) {
        StringBuilder text = new StringBuilder(d.type.name());
        if (d.body != null) {
            text.append(" by ").append(d.body).append(" on ").append(d.meetingDate).append(": ").append(d.votesFor)
                    .append(" for, ").append(d.votesAgainst).append(" against, ").append(d.abstentions)
                    .append(" abstaining, ").append(d.present).append(" of ").append(d.eligible).append(" present");
        }
        if (d.approvalRef != null) {
            text.append("; approval ").append(d.approvalRef);
        }
        if (d.correctionUntil != null) {
            text.append("; correction until ").append(d.correctionUntil);
        }
        if (d.readmissionBarUntil != null) {
            text.append("; no re-admission before ").append(d.readmissionBarUntil);
        }
        return text.toString();
    }
}
