package cn.lianxin.tracking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.RiskScore;
import cn.lianxin.tracking.domain.RiskSignal;

/** Bodies of the loss-risk read models: one member's score explained, and the at-risk work list of an org. */
public final class RiskViews {

    private RiskViews() {
    }

    /** One signal's share: its points and the sentence with its numbers ("60 天内 2 次联系未联系上（电话 2 次）: +18"). */
    public record Contribution(RiskSignal signal, int points, String text) {

        static List<Contribution> of(RiskScore score) {
            return score.contributions().stream().map(c -> new Contribution(c.signal(), c.points(), c.text())).toList();
        }
    }

    /**
     * A member's score as of an instant. {@code lost}: the clocks have already fired (lost contact suspected, or a
     * case open since the last REACHED contact) — the member is on the lost work list, not the at-risk list.
     * {@code exempt}: not ACTIVE or no longer in the register: no score.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberRisk(UUID memberId, UUID orgId, Instant asOf, int score, int threshold, boolean atRisk,
            boolean lost, boolean overdue, boolean exempt, Instant lastReachedAt, Long silentDays, Long rhythmDays,
            Boolean rhythmKnown, List<Contribution> contributions) {
    }

    /** A member on the at-risk list. {@code overdue}: the quarterly reminder (T2) has already gone out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskItem(UUID memberId, UUID orgId, String name, int score, boolean overdue, Instant lastReachedAt,
            long silentDays, long rhythmDays, String liaisonName, String liaisonPhone, List<Contribution> contributions) {
    }

    /**
     * The at-risk list of an org's subtree: {@code assessed} members not yet lost, {@code atRisk} of them at or above
     * the threshold, the first {@code limit} of those in {@code items}, highest score first.
     */
    public record AtRiskList(UUID orgId, Instant asOf, int threshold, long assessed, long atRisk, List<RiskItem> items) {
    }
}
