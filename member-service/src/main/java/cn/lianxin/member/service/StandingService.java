package cn.lianxin.member.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import cn.lianxin.member.config.MemberRulesConfig;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.domain.StandingChange;
import cn.lianxin.member.messaging.CaseDisposed;
import cn.lianxin.member.messaging.MemberEvents;
import cn.lianxin.member.rest.MemberDtos.StandingChangeView;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** 党籍: applies case-service's decisions and keeps the history. The only writer of standing. */
@ApplicationScoped
public class StandingService {

    private static final Logger LOG = Logger.getLogger(StandingService.class);

    /** Reason recorded for each disposition (the decision itself lives in case-service). */
    private static final Map<String, String> REASONS = Map.of(
            "SUSPENDED", "失联党员处置：停止党籍",
            "REMOVED", "失联党员处置：除名",
            "PERSUADED_TO_QUIT", "失联党员处置：劝退",
            "PROBATION_CANCELLED", "失联党员处置：取消预备党员资格",
            "RESTORED", "恢复党籍");

    private final MemberRepository members;
    private final MemberAccess access;
    private final Outbox outbox;
    private final MemberRulesConfig rules;
    private final Clock clock;

    public StandingService(MemberRepository members, MemberAccess access, Outbox outbox, MemberRulesConfig rules, Clock clock) {
        this.members = members;
        this.access = access;
        this.outbox = outbox;
        this.rules = rules;
        this.clock = clock;
    }

    /** Applies a {@code CaseDisposed} that changes standing; the caller's transaction also records the event as processed. */
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
        change.persist();

        member.standing = to;
        member.readmissionBarUntil = change.readmissionBarUntil; // a removed member keeps the bar date
        member.touch(change.recordedAt, "case-service");
        outbox.append(MemberEvents.MEMBER_STANDING_CHANGED, member.id, MemberEvents.MemberStandingChanged.of(member, change));
    }

    @Transactional(TxType.SUPPORTS)
    public List<StandingChangeView> history(UUID memberId) {
        Member member = access.member(memberId);
        return StandingChange.<StandingChange>list("memberId = ?1 order by effectiveAt, recordedAt", member.id).stream()
                .map(c -> new StandingChangeView(c.from, c.to, c.reason, c.decisionRef, c.approvalRef, c.caseId,
                        c.disposition, c.effectiveAt, c.readmissionBarUntil, c.recordedAt))
                .toList();
    }
}
