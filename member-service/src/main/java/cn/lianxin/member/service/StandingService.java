package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.domain.StandingChange;
import cn.lianxin.member.domain.StandingChangeRules;
import cn.lianxin.member.messaging.CaseDisposals;
import cn.lianxin.member.messaging.CaseDisposed;
import cn.lianxin.member.repository.MemberRepository;
import cn.lianxin.member.repository.StandingChangeRepository;
import cn.lianxin.member.service.MemberCommands.RecordStandingChange;
import cn.lianxin.member.service.MemberViews.StandingChangeView;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 党籍: applies case-service's decisions, records the changes that do not come from a case (去世, 退党, 开除党籍) and
 * keeps the history. The only writer of standing.
 */
@ApplicationScoped
public class StandingService implements CaseDisposals {

    private static final Logger LOG = Logger.getLogger(StandingService.class);

    /** Reason recorded for each disposition (the decision itself lives in case-service). */
    private static final Map<String, String> REASONS = Map.of(
            "SUSPENDED", "失联党员处置：停止党籍",
            "REMOVED", "失联党员处置：除名",
            "PERSUADED_TO_QUIT", "失联党员处置：劝退",
            "PROBATION_CANCELLED", "失联党员处置：取消预备党员资格",
            "RESTORED", "恢复党籍");
    /** Reason recorded for a change outside a case when the request gives none. */
    private static final Map<Standing, String> DEFAULT_REASONS = Map.of(
            Standing.DECEASED, "党员去世",
            Standing.WITHDRAWN, "本人申请退党，经支部决定",
            Standing.EXPELLED, "开除党籍");
    /** Who recorded a change applied from a CaseDisposed. */
    static final String CASE_SERVICE = "case-service";

    private final MemberRepository members;
    private final StandingChangeRepository changes;
    private final MemberAccess access;
    private final Outbox outbox;
    private final MemberRulesConfig rules;
    private final Validator validator;
    private final Clock clock;

    public StandingService(MemberRepository members, StandingChangeRepository changes, MemberAccess access,
            Outbox outbox, MemberRulesConfig rules, Validator validator, Clock clock) {
        this.members = members;
        this.changes = changes;
        this.access = access;
        this.outbox = outbox;
        this.rules = rules;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Records a death, a 退党 or a 开除党籍 (docs/domain.md §3b) with its facts; the author is the caller's token. A member who
     * already left the Party (除名, 开除党籍, 退党, death) or whose relationship was transferred out cannot change again.
     */
    @Transactional
    public StandingChangeView record(UUID memberId, RecordStandingChange request) {
        if (request == null) {
            throw ProblemException.badRequest("A request body is required", List.of());
        }
        Member member = access.member(memberId);
        Instant now = clock.instant();
        LocalDate today = ShanghaiCalendar.dateOf(now);
        FieldErrors errors = FieldErrors.of(validator.validate(request));
        StandingChangeRules.check(new StandingChangeRules.Facts(request.to(), request.diedOn(), request.learnedHow(),
                request.applicationDate(), request.decisionRef(), request.approvingOrg(), request.effectiveAt()), now, today)
                .forEach(e -> errors.add(e.field(), e.message()));
        errors.throwIfAny("The standing change cannot be recorded");
        if (member.standing.hasLeftTheParty() || member.transferredOutAt != null) {
            throw ProblemException.conflict("The member's standing is already " + member.standing
                    + (member.transferredOutAt != null ? " and the relationship was transferred out" : "")
                    + "; it cannot change to " + request.to());
        }

        StandingChange change = new StandingChange();
        change.id = UUID.randomUUID();
        change.memberId = member.id;
        change.from = member.standing;
        change.to = request.to();
        change.reason = blankToNull(request.reason()) != null ? request.reason().trim() : DEFAULT_REASONS.get(request.to());
        change.decisionRef = blankToNull(request.decisionRef());
        change.approvalRef = blankToNull(request.approvalRef());
        change.diedOn = request.diedOn();
        change.learnedHow = blankToNull(request.learnedHow());
        change.evidenceRef = blankToNull(request.evidenceRef());
        change.applicationDate = request.applicationDate();
        change.approvingOrg = blankToNull(request.approvingOrg());
        change.effectiveAt = request.effectiveAt() != null ? request.effectiveAt()
                : request.to() == Standing.DECEASED ? ShanghaiCalendar.startOfDay(request.diedOn()) : now;
        change.recordedAt = now;
        change.recordedBy = access.userId();
        changes.persist(change);

        member.standing = change.to;
        member.touch(now, change.recordedBy);
        outbox.append(MemberEvents.MEMBER_STANDING_CHANGED, member.id, MemberEvents.MemberStandingChanged.of(member, change));
        return view(change);
    }

    /** Applies a {@code CaseDisposed} that changes standing; the caller's transaction also records the event as processed. */
    @Override
    @Transactional(TxType.MANDATORY)
    public void apply(CaseDisposed decision) {
        if (decision.standingTo() == null) {
            return; // 纳入管理, 限期改正: no standing change
        }
        Member member = members.findById(decision.memberId());
        if (member == null) {
            throw new IllegalStateException("CaseDisposed " + decision.decisionId() + " names unknown member " + decision.memberId());
        }
        Standing to = Standing.valueOf(decision.standingTo());
        if (member.standing == to) {
            return;
        }
        if (member.standing.isRecordedOutsideCases()) {
            LOG.warnf("Decision %s would change member %s, whose standing %s was recorded outside a case; not applied",
                    decision.decisionId(), member.id, member.standing);
            return;
        }
        LocalDate decidedOn = ShanghaiCalendar.dateOf(decision.decidedAt());
        if (to == Standing.ACTIVE && member.standing == Standing.REMOVED && member.readmissionBarUntil != null
                && decidedOn.isBefore(member.readmissionBarUntil)) {
            LOG.warnf("Decision %s would make removed member %s active before the re-admission bar (%s); not applied",
                    decision.decisionId(), member.id, member.readmissionBarUntil);
            return;
        }
        StandingChange change = new StandingChange();
        change.id = UUID.randomUUID();
        change.memberId = member.id;
        change.from = member.standing;
        change.to = to;
        change.reason = REASONS.getOrDefault(decision.type(), "组织处置：" + decision.type());
        change.decisionRef = decision.decisionId().toString();
        change.approvalRef = decision.approvalRef();
        change.caseId = decision.caseId();
        change.disposition = decision.type();
        change.effectiveAt = decision.decidedAt();
        if (to == Standing.REMOVED) {
            change.readmissionBarUntil = decision.readmissionBarUntil() != null ? decision.readmissionBarUntil()
                    : decidedOn.plus(rules.readmissionBar());
        }
        change.recordedAt = clock.instant();
        change.recordedBy = CASE_SERVICE;
        changes.persist(change);

        member.standing = to;
        member.readmissionBarUntil = change.readmissionBarUntil; // a removed member keeps the bar date
        member.touch(change.recordedAt, CASE_SERVICE);
        outbox.append(MemberEvents.MEMBER_STANDING_CHANGED, member.id, MemberEvents.MemberStandingChanged.of(member, change));
    }

    /** One change of a member the caller may see; another member's, or an unknown one, is 404. */
    @Transactional(TxType.SUPPORTS)
    public StandingChangeView get(UUID memberId, UUID changeId) {
        Member member = access.member(memberId);
        StandingChange change = changes.findById(changeId);
        if (change == null || !change.memberId.equals(member.id)) {
            throw ProblemException.notFound("Standing change", changeId);
        }
        return view(change);
    }

    @Transactional(TxType.SUPPORTS)
    public List<StandingChangeView> history(UUID memberId) {
        Member member = access.member(memberId);
        return changes.history(member.id).stream()
                .map(StandingService::view).toList();
    }

    private static StandingChangeView view(StandingChange c) {
        return new StandingChangeView(c.id, c.from, c.to, c.reason, c.decisionRef, c.approvalRef, c.caseId, c.disposition,
                c.effectiveAt, c.readmissionBarUntil, c.diedOn, c.learnedHow, c.evidenceRef, c.applicationDate,
                c.approvingOrg, c.recordedBy, c.recordedAt);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
