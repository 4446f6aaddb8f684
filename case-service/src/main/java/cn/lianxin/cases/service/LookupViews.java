package cn.lianxin.cases.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.lianxin.cases.domain.Department;
import cn.lianxin.cases.domain.LegalBasis;
import cn.lianxin.cases.domain.LookupItem;
import cn.lianxin.cases.domain.LookupState;

/** What {@link LookupQueries} answers: a case's lookups (协查) and the work list of those awaiting approval. */
public final class LookupViews {

    private LookupViews() {
    }

    public record LegalBasisView(LegalBasis code, String citation) {
    }

    /**
     * One lookup request and, once answered, the department's answer ({@code finding} is personal data: shown to the
     * case's readers, never logged); {@code attemptId} names the search attempt it became.
     */
    public record LookupView(UUID id, UUID caseId, int episode, Department department, LegalBasisView legalBasis,
            List<LookupItem> asked, String note, LookupState state, String requestedBy, Instant requestedAt,
            String decidedBy, Instant decidedAt, UUID approvingOrgId, String decisionNote, Instant sentAt,
            Instant answerDueAt, int chaseCount, Instant lastChasedAt, Instant answeredAt, Boolean found,
            String finding, String answerRef, UUID attemptId) {
    }

    /** A request awaiting the approval of an organization above the member's branch. */
    public record PendingLookup(UUID id, UUID caseId, UUID memberId, String memberName, UUID orgId,
            Department department, LegalBasisView legalBasis, List<LookupItem> asked, String note,
            String requestedBy, Instant requestedAt) {
    }
}
