package cn.lianxin.member.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit logs' entries as the audit API shows them, newest first. Never an ID number: a reveal or a correction
 * names the member and the org it belongs to now, a duplicate hit the orgs involved.
 */
public final class AuditLog {

    private AuditLog() {
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

    /** A member's contact details confirmed (联系方式核实): who, when, and the details that were failing then. */
    public record ContactConfirmation(UUID id, UUID memberId, UUID orgId, String confirmedBy, Instant confirmedAt,
            java.util.List<String> cleared) {
    }

    /**
     * An ID number found already registered: who looked, when, the org holding the number, the org the caller acted
     * for and their lowest common ancestor (whose ORG_ADMIN reconciles: 口袋党员, 空挂).
     */
    public record DuplicateHit(UUID id, String caller, Instant hitAt, UUID holderOrgId, UUID actingOrgId,
            UUID commonAncestorId) {
    }

    /**
     * A handshake confirmed (报到 of an outflow, 回执 of a transfer): who, when, the two sides, the due day, and whether
     * the sides had been reminded or the sending side's superior org told before.
     */
    public record HandshakeConfirmation(UUID id, String kind, UUID subjectId, UUID memberId, UUID sendingOrgId,
            UUID receivingOrgId, java.time.LocalDate dueAt, Instant confirmedAt, String confirmedBy, Instant recordedAt,
            boolean reminded, boolean escalated) {
    }
}
