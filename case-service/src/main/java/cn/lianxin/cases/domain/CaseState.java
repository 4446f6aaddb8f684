package cn.lianxin.cases.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Life of a case file (docs/domain.md §3): {@code OPEN → FOUND → (decision) FOLLOW_UP → CLOSED}, or
 * {@code OPEN → SUSPENSION_PROPOSED → SUSPENDED_MONITORING → (FOUND → restore) | REMOVAL_PROPOSED → CLOSED}; a loss
 * while found or in follow-up reopens the file (OPEN, or SUSPENDED_MONITORING for a suspended member); a member who
 * leaves the register closes it from any state. {@link #canMoveTo} is the one table of these moves: {@link CaseFile}
 * refuses any other, and the scan's SQL moves are checked against it (CaseStateTest).
 */
public enum CaseState {
    OPEN, FOUND,
    /** Kept for the stored values' constraint; no move leads here (a decision moves a found case straight on). */
    DISPOSED,
    FOLLOW_UP, CLOSED, SUSPENSION_PROPOSED, SUSPENDED_MONITORING, REMOVAL_PROPOSED;

    /** States in which the member is still missing. */
    public static final Set<CaseState> MISSING = EnumSet.of(OPEN, SUSPENSION_PROPOSED, SUSPENDED_MONITORING,
            REMOVAL_PROPOSED);

    private static final Map<CaseState, Set<CaseState>> NEXT = new EnumMap<>(CaseState.class);

    static {
        NEXT.put(OPEN, EnumSet.of(FOUND, SUSPENSION_PROPOSED, SUSPENDED_MONITORING, CLOSED));
        NEXT.put(SUSPENSION_PROPOSED, EnumSet.of(FOUND, SUSPENDED_MONITORING, CLOSED));
        NEXT.put(SUSPENDED_MONITORING, EnumSet.of(FOUND, REMOVAL_PROPOSED, CLOSED));
        NEXT.put(REMOVAL_PROPOSED, EnumSet.of(FOUND, CLOSED));
        NEXT.put(FOUND, EnumSet.of(FOLLOW_UP, CLOSED, OPEN, SUSPENDED_MONITORING));
        NEXT.put(FOLLOW_UP, EnumSet.of(CLOSED, OPEN, SUSPENDED_MONITORING));
        NEXT.put(DISPOSED, EnumSet.noneOf(CaseState.class));
        NEXT.put(CLOSED, EnumSet.noneOf(CaseState.class));
    }

    public boolean missing() {
        return MISSING.contains(this);
    }

    /** Whether a case file in this state may move to {@code next}. */
    public boolean canMoveTo(CaseState next) {
        return NEXT.get(this).contains(next);
    }
}
