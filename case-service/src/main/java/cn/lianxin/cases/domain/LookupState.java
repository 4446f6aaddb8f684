package cn.lianxin.cases.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Life of a lookup request: {@code PENDING_APPROVAL → APPROVED → ANSWERED}, or {@code PENDING_APPROVAL → REFUSED}.
 * Only an APPROVED request is sent to the department (and chased); only an APPROVED request takes an answer.
 */
public enum LookupState {
    PENDING_APPROVAL, APPROVED, REFUSED, ANSWERED;

    private static final Map<LookupState, Set<LookupState>> NEXT = new EnumMap<>(LookupState.class);

    static {
        NEXT.put(PENDING_APPROVAL, EnumSet.of(APPROVED, REFUSED));
        NEXT.put(APPROVED, EnumSet.of(ANSWERED));
        NEXT.put(REFUSED, EnumSet.noneOf(LookupState.class));
        NEXT.put(ANSWERED, EnumSet.noneOf(LookupState.class));
    }

    public boolean canMoveTo(LookupState next) {
        return NEXT.get(this).contains(next);
    }
}
