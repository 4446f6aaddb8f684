package cn.lianxin.member.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * What the audit API shows of each log, newest first. Never an ID number: a reveal or a correction names the member
 * and the org it belongs to now, a duplicate hit the orgs involved.
 */
public final class AuditDtos {

    private AuditDtos() {
    }

    /** A full ID number shown to an ORG_ADMIN (who, when, why). */
    public record IdNumberReveal(UUID id, UUID memberId, UUID orgId, String revealedBy, Instant revealedAt, String reason) {
    }

    /** A wrong ID number corrected (who, when, why). */
    public record IdNumberCorrection(UUID id, UUID memberId, UUID orgId, String correctedBy, Instant correctedAt,
            String reason) {
    }

    /** A 党籍 change, from a case ({@code recordedBy = case-service}) or outside one. */
    public record StandingChangeEntry(UUID id, UUID memberId, UUID orgId, String from, String to, String reason,
            String decisionRef, String approvalRef, UUID caseId, Instant effectiveAt, Instant recordedAt, String recordedBy) {
    }

    /**
     * An ID number found already registered: who looked, when, the org holding the number, the org the caller acted
     * for and their lowest common ancestor (whose ORG_ADMIN reconciles: 口袋党员, 空挂).
     */
    public record DuplicateHit(UUID id, String caller, Instant hitAt, UUID holderOrgId, UUID actingOrgId,
            UUID commonAncestorId) {
    }
}
