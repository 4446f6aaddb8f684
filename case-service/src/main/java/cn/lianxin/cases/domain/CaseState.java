package cn.lianxin.cases.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of a case file (docs/domain.md §3): {@code OPEN → FOUND → DISPOSED → FOLLOW_UP → CLOSED}, or
 * {@code OPEN → SUSPENSION_PROPOSED → SUSPENDED_MONITORING → (FOUND → restore) | REMOVAL_PROPOSED → CLOSED}.
 */
public enum CaseState {
    OPEN, FOUND, DISPOSED, FOLLOW_UP, CLOSED, SUSPENSION_PROPOSED, SUSPENDED_MONITORING, REMOVAL_PROPOSED;

    /** States in which the member is still missing. */
    public static final Set<CaseState> MISSING = EnumSet.of(OPEN, SUSPENSION_PROPOSED, SUSPENDED_MONITORING,
            REMOVAL_PROPOSED);

    public boolean missing() {
        return MISSING.contains(this);
    }
}
