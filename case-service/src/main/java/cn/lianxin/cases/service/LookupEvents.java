package cn.lianxin.cases.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.cases.domain.Department;
import cn.lianxin.cases.domain.LegalBasis;
import cn.lianxin.cases.domain.LookupItem;

/**
 * The events of a case's lookups (协查): on {@code case.events} for Lianxin's people, and the request itself on
 * {@code lookup.requests} for the departments' systems (contracts: EventType maps it to its own topic). Payloads
 * exactly as in contracts/schemas/case. None carries the member's name or ID number.
 */
public final class LookupEvents {

    /** On lookup.requests, for the departments. */
    public static final String LOOKUP_REQUESTED = "lianxin.case.LookupRequested.v1";
    public static final String LOOKUP_APPROVAL_REQUESTED = "lianxin.case.LookupApprovalRequested.v1";
    public static final String LOOKUP_REFUSED = "lianxin.case.LookupRefused.v1";
    public static final String LOOKUP_OVERDUE = "lianxin.case.LookupOverdue.v1";
    /** On lookup.answers, from the departments. */
    public static final String LOOKUP_ANSWERED = "lianxin.case.LookupAnswered.v1";

    private LookupEvents() {
    }

    public record Basis(LegalBasis code, String citation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LookupRequested(UUID requestId, UUID memberId, UUID orgId, Department department, Basis legalBasis,
            List<LookupItem> asked, UUID approvingOrgId, Instant approvedAt, Instant answerBy, int chaseCount,
            Instant chasedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LookupApprovalRequested(UUID caseId, UUID memberId, UUID orgId, UUID requestId,
            Department department, Basis legalBasis, List<LookupItem> asked, String requestedBy, Instant requestedAt,
            UUID approverOrgId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LookupRefused(UUID caseId, UUID memberId, UUID orgId, UUID requestId, Department department,
            String requestedBy, String refusedBy, Instant refusedAt, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LookupOverdue(UUID caseId, UUID memberId, UUID orgId, UUID requestId, Department department,
            Instant sentAt, Instant answerDueAt, int chaseCount, Instant asOf) {
    }
}
