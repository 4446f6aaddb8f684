package cn.lianxin.member.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * 花名册备案: a branch's roster filed for a year, as a snapshot (the roster file's SHA-256 and its counts; the bytes
 * are kept apart), who filed it and when, and the superior committee's decision.
 */
public record RosterFiling(UUID id, UUID orgId, int year, int version, RosterFilingState state, RosterCounts counts,
        String contentHash, int contentSize, String filedBy, Instant filedAt, String decidedBy, UUID decidedByOrg,
        Instant decidedAt, String remarks) {

    /** The filing acknowledged (备案留存); {@link RosterFilingState.IllegalTransition} unless FILED. */
    public RosterFiling acknowledge(String by, UUID byOrg, Instant at, String remarks) {
        return decided(state.acknowledge(), by, byOrg, at, remarks);
    }

    /** The filing returned with remarks (退回); {@link RosterFilingState.IllegalTransition} unless FILED. */
    public RosterFiling returnToBranch(String by, UUID byOrg, Instant at, String remarks) {
        return decided(state.returnToBranch(), by, byOrg, at, remarks);
    }

    private RosterFiling decided(RosterFilingState to, String by, UUID byOrg, Instant at, String text) {
        return new RosterFiling(id, orgId, year, version, to, counts, contentHash, contentSize, filedBy, filedAt, by, byOrg,
                at, text);
    }
}
