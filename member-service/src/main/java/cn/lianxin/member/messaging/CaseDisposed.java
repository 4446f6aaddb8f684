package cn.lianxin.member.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** member-service's view of case-service's {@code CaseDisposed}: only what applying a standing change needs. */
public record CaseDisposed(UUID caseId, UUID memberId, UUID orgId, UUID decisionId, String type, String standingTo,
        Instant decidedAt, Procedure procedure, LocalDate readmissionBarUntil) {

    public record Procedure(String approvalRef) {
    }

    public String approvalRef() {
        return procedure == null ? null : procedure.approvalRef();
    }
}
