package cn.lianxin.tracking.service;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.config.RiskConfig;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.LossRisk;
import cn.lianxin.tracking.domain.RiskScore;
import cn.lianxin.tracking.domain.RiskSignals;
import cn.lianxin.tracking.domain.RiskSignals.Attempt;
import cn.lianxin.tracking.domain.RiskWeights;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.RiskRepository;
import cn.lianxin.tracking.repository.RiskRepository.FactKind;
import cn.lianxin.tracking.repository.RiskRepository.FactWindows;
import cn.lianxin.tracking.repository.RiskRepository.RiskFact;
import cn.lianxin.tracking.repository.RiskRepository.RiskMember;
import cn.lianxin.tracking.repository.RiskRepository.RiskScope;
import cn.lianxin.tracking.service.RiskViews.AtRiskList;
import cn.lianxin.tracking.service.RiskViews.Contribution;
import cn.lianxin.tracking.service.RiskViews.MemberRisk;
import cn.lianxin.tracking.service.RiskViews.RiskItem;

/**
 * The loss-risk score (流失风险) as read models: one member's score explained, and the at-risk list of an org's subtree
 * — members whose clocks have not fired yet, highest score first. Two queries however many members (RiskRepository);
 * the score is the domain's {@link LossRisk}.
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class RiskService {

    /** The at-risk list's default and largest page. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final RiskRepository risks;
    private final MemberAccess access;
    private final OrgScope scope;
    private final OrgProjection orgs;
    private final RiskWeights weights;
    private final LossRisk rule;

    public RiskService(RiskRepository risks, MemberAccess access, OrgScope scope, OrgProjection orgs, RiskConfig risk,
            TrackingConfig tracking) {
        this.risks = risks;
        this.access = access;
        this.scope = scope;
        this.orgs = orgs;
        this.weights = risk.weights();
        this.rule = new LossRisk(weights, tracking.periods());
    }

    /** One member's score as of {@code asOf}, each contribution explained (404 outside the caller's view). */
    public MemberRisk explain(UUID memberId, Instant asOf) {
        MemberRecord member = access.require(memberId);
        if (member.exempt()) {
            return new MemberRisk(memberId, member.orgId(), asOf, 0, weights.threshold(), false, false, false, true,
                    null, null, null, null, List.of());
        }
        RiskScope riskScope = new RiskScope(asOf, "", null, memberId);
        List<RiskMember> found = risks.members(riskScope);
        if (found.isEmpty()) { // registered after asOf: nothing to score yet
            return new MemberRisk(memberId, member.orgId(), asOf, 0, weights.threshold(), false, false, false, false,
                    null, null, null, null, List.of());
        }
        RiskScore score = score(found.get(0), factsOf(riskScope).getOrDefault(memberId, List.of()), asOf);
        return new MemberRisk(memberId, member.orgId(), asOf, score.total(), weights.threshold(), score.atRisk(),
                score.lost(), score.overdue(), false, score.lastReachedAt(), score.silentDays(), score.rhythmDays(),
                score.rhythmKnown(), Contribution.of(score));
    }

    /**
     * The at-risk list of {@code orgId}'s subtree as of {@code asOf}: the members not yet lost whose score reaches the
     * threshold, highest first (then the longest silent). A liaison's list is their own.
     */
    public AtRiskList atRisk(UUID orgId, Instant asOf, UUID liaisonId, int limit) {
        scope.requireVisible(orgId, "org", orgId);
        String path = orgs.pathOf(orgId).orElseThrow(() -> ProblemException.notFound("org", orgId));
        RiskScope riskScope = new RiskScope(asOf, path, access.liaisonFilter(liaisonId), null);
        Map<UUID, List<RiskFact>> facts = factsOf(riskScope);
        List<RiskItem> atRisk = new ArrayList<>();
        long assessed = 0;
        for (RiskMember member : risks.members(riskScope)) {
            RiskScore score = score(member, facts.getOrDefault(member.memberId(), List.of()), asOf);
            if (score.lost()) {
                continue;
            }
            assessed++;
            if (score.atRisk()) {
                atRisk.add(new RiskItem(member.memberId(), member.orgId(), member.name(), score.total(), score.overdue(),
                        score.lastReachedAt(), score.silentDays(), score.rhythmDays(), member.liaisonName(),
                        member.liaisonPhone(), Contribution.of(score)));
            }
        }
        atRisk.sort(Comparator.comparingInt(RiskItem::score).reversed()
                .thenComparing(Comparator.comparingLong(RiskItem::silentDays).reversed())
                .thenComparing(RiskItem::memberId));
        return new AtRiskList(orgId, asOf, weights.threshold(), assessed, atRisk.size(),
                atRisk.subList(0, Math.min(limit, atRisk.size())));
    }

    private Map<UUID, List<RiskFact>> factsOf(RiskScope riskScope) {
        Instant asOf = riskScope.asOf();
        FactWindows windows = new FactWindows(weights.rhythmGaps() + 1, since(asOf, weights.notReachedWindow()),
                since(asOf, weights.failedDeliveriesWindow()), since(asOf, weights.missedFollowUpsWindow()));
        return risks.facts(riskScope, windows).stream().collect(Collectors.groupingBy(RiskFact::memberId));
    }

    /** The first instant a window counts from: 00:00 Shanghai of the day one window before {@code asOf}'s. */
    private static Instant since(Instant asOf, Period window) {
        return ShanghaiCalendar.startOfDay(ShanghaiCalendar.dateOf(asOf).minus(window));
    }

    private RiskScore score(RiskMember member, List<RiskFact> facts, Instant asOf) {
        boolean flowingUnreported = member.flowing() && member.leftAt() != null
                && !ShanghaiCalendar.startOfDay(member.leftAt()).isAfter(asOf)
                && (member.reportedInAt() == null || member.reportedInAt().isAfter(asOf));
        Instant openCaseSince = facts.stream().filter(f -> f.kind() == FactKind.OPEN_CASE).map(RiskFact::at)
                .max(Comparator.naturalOrder()).orElse(null);
        return rule.assess(new RiskSignals(asOf, member.registeredAt(), member.restartedAt(),
                instants(facts, FactKind.REACHED), attempts(facts, FactKind.NOT_REACHED),
                attempts(facts, FactKind.DELIVERY_FAILED), member.contactUnconfirmedSince(),
                flowingUnreported ? member.leftAt() : null,
                member.transferIssuedOn(), member.transferReceiptDueOn(), instants(facts, FactKind.LOSS), instants(facts, FactKind.FOLLOW_UP_MISSED),
                openCaseSince));
    }

    private static List<Instant> instants(List<RiskFact> facts, FactKind kind) {
        return facts.stream().filter(f -> f.kind() == kind).map(RiskFact::at).toList();
    }

    private static List<Attempt> attempts(List<RiskFact> facts, FactKind kind) {
        return facts.stream().filter(f -> f.kind() == kind).map(f -> new Attempt(f.at(), f.channel())).toList();
    }
}
