package cn.lianxin.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import cn.lianxin.cases.config.CaseRules;
import cn.lianxin.cases.domain.AttemptResult;
import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.Department;
import cn.lianxin.cases.domain.EscalationLadder;
import cn.lianxin.cases.domain.LookupItem;
import cn.lianxin.cases.domain.LookupRequest;
import cn.lianxin.cases.domain.LookupState;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.repository.CaseRepository;
import cn.lianxin.cases.repository.LookupRepository;
import cn.lianxin.cases.repository.LookupRepository.AnswerOutcome;
import cn.lianxin.cases.service.LookupCommands.ApproveLookup;
import cn.lianxin.cases.service.LookupCommands.RefuseLookup;
import cn.lianxin.cases.service.LookupCommands.RequestLookup;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/**
 * Lookups of a department (联合公安、电信、社保、房管 查询) for a lost member: the case owner asks with a legal basis, an
 * organization above the branch approves or refuses (never the one who asked), and only an approved request leaves,
 * as LookupRequested on lookup.requests, in the approval's transaction. The answer becomes a search attempt of the
 * department's channel through {@link CaseService#recordAttempt}; a request unanswered by its deadline is chased. Every
 * step is on the case's timeline with who and when.
 */
@ApplicationScoped
@Transactional
public class LookupService {

    private static final Logger LOG = Logger.getLogger(LookupService.class);
    /** The author of what the departments' answers do in a case. */
    static final String SYSTEM_LOOKUP_ANSWERS = "system:lookup.answers";

    private final CaseAccess access;
    private final CaseRepository cases;
    private final LookupRepository lookups;
    private final CaseService caseService;
    private final Timeline timeline;
    private final Outbox outbox;
    private final OrgScope scope;
    private final CaseRules rules;
    private final Clock clock;

    public LookupService(CaseAccess access, CaseRepository cases, LookupRepository lookups, CaseService caseService,
            Timeline timeline, Outbox outbox, OrgScope scope, CaseRules rules, Clock clock) {
        this.access = access;
        this.cases = cases;
        this.lookups = lookups;
        this.caseService = caseService;
        this.timeline = timeline;
        this.outbox = outbox;
        this.scope = scope;
        this.rules = rules;
        this.clock = clock;
    }

    /** The department's answer to a request, as read from lookup.answers. */
    public record Answer(UUID requestId, UUID memberId, Department department, boolean found, String finding,
            String answerRef, Instant answeredAt) {
    }

    /**
     * {@code POST /api/v1/cases/{id}/lookups}: only while the member is still missing (409 once found or closed); every
     * item asked must be one the department keeps (400 naming {@code asked}). Waits for approval; nothing leaves.
     *
     * @return the new request's id
     */
    public UUID request(UUID caseId, @NotNull @Valid RequestLookup request) {
        CaseFile file = access.visibleCase(caseId);
        if (!file.state.missing()) {
            throw ProblemException.conflict("Cannot ask a department for a lookup: case " + file.id + " is "
                    + file.state + "; lookups are for a member still missing");
        }
        Set<LookupItem> notKept = LookupRequest.notKeptBy(request.department(), request.asked());
        if (!notKept.isEmpty()) {
            throw ProblemException.invalidField("asked", request.department() + " keeps no record of " + notKept
                    + "; it may be asked " + request.department().answers());
        }
        UUID superior = superiorOf(file);
        if (superior == null) {
            throw ProblemException.conflict("Case " + file.id + " has no organization above its branch to approve a lookup");
        }
        Instant now = clock.instant();
        String actor = scope.userId();
        LookupRequest lookup = LookupRequest.ask(UUID.randomUUID(), file, request.department(),
                request.legalBasis().code(), request.legalBasis().citation().strip(), request.asked(), request.note(),
                actor, now);
        lookups.add(lookup);
        timeline.record(file, now, actor, Kind.LOOKUP_REQUESTED, "lookup " + lookup.id + " to " + lookup.department
                + " (" + lookup.askedItems + "), basis " + lookup.basis + ": " + lookup.citation);
        outbox.append(LookupEvents.LOOKUP_APPROVAL_REQUESTED, file.memberId, new LookupEvents.LookupApprovalRequested(
                file.id, file.memberId, file.orgId, lookup.id, lookup.department, basis(lookup), lookup.asked(), actor,
                now, superior));
        return lookup.id;
    }

    /**
     * 上级党组织审批: by an ORG_ADMIN of an organization strictly above the member's branch, never by the one who asked
     * (403); only a request awaiting approval (409), of a member still missing (409). Sends the request.
     */
    public void approve(UUID caseId, UUID lookupId, @Valid ApproveLookup request) {
        // The case's row stays locked until the approval commits: a concurrent found or close waits for it, or has
        // committed and is seen here (409), so no LookupRequested leaves for a member no longer missing.
        CaseFile file = cases.lock(access.visibleCase(caseId));
        LookupRequest lookup = decidable(file, lookupId);
        if (!file.state.missing()) {
            throw ProblemException.conflict("Cannot approve lookup " + lookup.id + ": case " + file.id + " is "
                    + file.state + "; refuse it instead");
        }
        Instant now = clock.instant();
        String actor = scope.userId();
        String note = request == null ? null : request.note();
        lookup.approve(actor, scope.callerOrg().orElseThrow(), note, now, rules.lookup().answerWithin());
        timeline.record(file, now, actor, Kind.LOOKUP_APPROVED, "lookup " + lookup.id + " approved by org "
                + lookup.approvingOrgId + (note == null ? "" : " — " + note));
        UUID eventId = send(lookup, null);
        timeline.record(file, now, actor, Kind.LOOKUP_SENT, "lookup " + lookup.id + " sent to " + lookup.department
                + " (LookupRequested " + eventId + " on lookup.requests), answer by " + lookup.answerDueAt);
    }

    /** 不予批准: by whoever may approve (403 otherwise), with the reason; nothing is sent. */
    public void refuse(UUID caseId, UUID lookupId, @NotNull @Valid RefuseLookup request) {
        CaseFile file = access.visibleCase(caseId);
        LookupRequest lookup = decidable(file, lookupId);
        Instant now = clock.instant();
        String actor = scope.userId();
        String reason = request.reason().strip();
        lookup.refuse(actor, scope.callerOrg().orElseThrow(), reason, now);
        timeline.record(file, now, actor, Kind.LOOKUP_REFUSED, "lookup " + lookup.id + " refused by org "
                + lookup.approvingOrgId + ": " + reason);
        outbox.append(LookupEvents.LOOKUP_REFUSED, file.memberId, new LookupEvents.LookupRefused(file.id,
                file.memberId, file.orgId, lookup.id, lookup.department, lookup.requestedBy, actor, now, reason));
    }

    /**
     * A department's answer (lookup.answers): attached to the case as a search attempt of the department's channel —
     * LEAD when found, NO_TRACE when not: the branch decides whether the member is found, an answer never finds nor
     * closes a case — and the request is ANSWERED. An answer to an unknown request, to one not (or no longer)
     * awaiting an answer, or from another department is recorded as ignored. The finding is stored, never logged.
     */
    public void onAnswered(UUID eventId, Answer answer) {
        Instant now = clock.instant();
        LookupRequest lookup = lookups.findForUpdate(answer.requestId()).orElse(null);
        AnswerOutcome outcome;
        if (lookup == null || !lookup.memberId.equals(answer.memberId())) {
            outcome = AnswerOutcome.UNKNOWN_REQUEST;
        } else if (lookup.department != answer.department()) {
            outcome = AnswerOutcome.WRONG_DEPARTMENT;
        } else if (lookup.state == LookupState.ANSWERED) {
            outcome = AnswerOutcome.ALREADY_ANSWERED;
        } else if (!lookup.awaitsAnswer()) {
            outcome = AnswerOutcome.NOT_SENT;
        } else {
            outcome = AnswerOutcome.APPLIED;
            apply(lookup, eventId, answer, now);
        }
        lookups.answerReceived(eventId, answer.requestId(), answer.department().name(), answer.found(),
                answer.answeredAt(), now, outcome);
        if (outcome != AnswerOutcome.APPLIED) {
            LOG.infof("LookupAnswered %s for request %s ignored: %s", eventId, answer.requestId(), outcome);
        }
    }

    /**
     * Chases every sent request unanswered at its deadline as of {@code asOf} (催办): LookupOverdue for the branch and
     * the same request again on lookup.requests, once per period (the deadline moves a period past {@code asOf});
     * requests another instance's scan is chasing are skipped.
     *
     * @return how many were chased
     */
    public int chase(Instant asOf) {
        List<LookupRequest> due = lookups.dueForChase(asOf).stream().filter(l -> l.chaseDue(asOf)).toList();
        Map<UUID, CaseFile> files = cases.findAll(due.stream().map(l -> l.caseId).distinct().toList()).stream()
                .collect(Collectors.toMap(f -> f.id, f -> f));
        List<Outbox.Keyed> overdue = new ArrayList<>();
        List<Outbox.Keyed> resent = new ArrayList<>();
        for (LookupRequest lookup : due) {
            Instant missedDeadline = lookup.answerDueAt;
            lookup.chase(asOf, rules.lookup().answerWithin());
            CaseFile file = files.get(lookup.caseId);
            timeline.record(file, asOf, ScanService.ACTOR, Kind.LOOKUP_CHASED, "lookup " + lookup.id + " to "
                    + lookup.department + " unanswered since " + missedDeadline + ": chase " + lookup.chaseCount
                    + ", answer by " + lookup.answerDueAt);
            overdue.add(new Outbox.Keyed(lookup.memberId, new LookupEvents.LookupOverdue(lookup.caseId,
                    lookup.memberId, lookup.orgId, lookup.id, lookup.department, lookup.sentAt, missedDeadline,
                    lookup.chaseCount, asOf)));
            resent.add(new Outbox.Keyed(lookup.memberId, requested(lookup, asOf)));
        }
        outbox.appendAll(LookupEvents.LOOKUP_OVERDUE, overdue);
        outbox.appendAll(LookupEvents.LOOKUP_REQUESTED, resent);
        return due.size();
    }

    private void apply(LookupRequest lookup, UUID eventId, Answer answer, Instant now) {
        CaseFile file = cases.find(lookup.caseId).orElseThrow();
        UUID attemptId = null;
        if (file.state.missing() && file.episode == lookup.episode) {
            // The attempt is dated when the department answered, within the loss and never ahead of the clock.
            Instant at = answer.answeredAt().isAfter(now) ? now : answer.answeredAt();
            at = at.isBefore(file.lostSince) ? file.lostSince : at;
            attemptId = caseService.recordAttempt(file, at, lookup.department.channel(),
                    answer.found() ? AttemptResult.LEAD : AttemptResult.NO_TRACE,
                    "部门协查答复 (lookup " + lookup.id + "): " + (answer.found() ? "查到，待支部核实" : "未查到"),
                    SYSTEM_LOOKUP_ANSWERS);
        }
        lookup.answer(answer.found(), answer.finding(), answer.answerRef(), answer.answeredAt(), eventId, attemptId);
        timeline.record(file, now, SYSTEM_LOOKUP_ANSWERS, Kind.LOOKUP_ANSWERED, "lookup " + lookup.id + " answered by "
                + lookup.department + ": " + (answer.found() ? "found (a lead for the branch to verify)" : "not found")
                + (attemptId == null ? " (case no longer searching: no attempt logged)" : ", attempt " + attemptId));
    }

    /** Sends the request (first time or a chase) on lookup.requests; the event id. */
    private UUID send(LookupRequest lookup, Instant chasedAt) {
        return outbox.append(LookupEvents.LOOKUP_REQUESTED, lookup.memberId, requested(lookup, chasedAt));
    }

    private static LookupEvents.LookupRequested requested(LookupRequest lookup, Instant chasedAt) {
        return new LookupEvents.LookupRequested(lookup.id, lookup.memberId, lookup.orgId, lookup.department,
                basis(lookup), lookup.asked(), lookup.approvingOrgId, lookup.decidedAt, lookup.answerDueAt,
                lookup.chaseCount, chasedAt);
    }

    /** The request of the case (404 otherwise), which the caller may decide on (403 otherwise), still pending (409). */
    private LookupRequest decidable(CaseFile file, UUID lookupId) {
        LookupRequest lookup = lookups.find(lookupId).filter(l -> l.caseId.equals(file.id))
                .orElseThrow(() -> ProblemException.notFound("Lookup", lookupId));
        lookup.whyNotDecidableBy(scope.userId(), scope.callerOrg().orElse(null)).ifPresent(why -> {
            throw new ProblemException(403, "Forbidden", why, List.of());
        });
        if (lookup.state != LookupState.PENDING_APPROVAL) {
            throw ProblemException.conflict("Lookup " + lookup.id + " is " + lookup.state + "; it was already decided");
        }
        return lookup;
    }

    private static LookupEvents.Basis basis(LookupRequest lookup) {
        return new LookupEvents.Basis(lookup.basis, lookup.citation);
    }

    /** The branch's superior org (上级党组织); null for a root. */
    private static UUID superiorOf(CaseFile file) {
        return EscalationLadder.next(EscalationLadder.parse(file.orgPath), 0).map(EscalationLadder.Step::toOrgId)
                .orElse(null);
    }
}
