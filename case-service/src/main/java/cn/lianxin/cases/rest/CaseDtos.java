package cn.lianxin.cases.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.lianxin.cases.domain.AttemptResult;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Cadence;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.FollowUpResult;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.Procedure;
import cn.lianxin.cases.domain.Reintegration;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** The case API's request and response bodies. */
public final class CaseDtos {

    private CaseDtos() {
    }

    /** A manual case: {@code lostSince} as a date is read as 00:00 Asia/Shanghai. */
    public record OpenCase(
            @NotNull UUID memberId,
            @NotNull LossSituation situation,
            @Size(min = 1, max = 500) String cause,
            @NotNull LocalDate lostSince,
            @Size(max = 500) String note) {
    }

    /** 查找: the searcher is the caller (token {@code sub}); a body naming an {@code actor} is refused. */
    public record LogAttempt(
            @NotNull Instant at,
            @NotNull SearchChannel channel,
            @NotNull AttemptResult result,
            @Size(max = 500) String note) {
    }

    /**
     * Completes or corrects the case details (any subset); {@code lostSince} as a date is read as 00:00
     * Asia/Shanghai. Who and when come from the token and the clock.
     */
    public record ChangeDetails(
            LossSituation situation,
            @Size(min = 1, max = 500) String cause,
            LocalDate lostSince,
            @Valid Owner owner) {
    }

    /** 责任人: a name, and the member id when the owner is on the register (e.g. the liaison). */
    public record Owner(
            @NotBlank @NotBlankAfterTrim @Size(max = 50) String name,
            UUID memberId) {
    }

    public record MarkFound(
            @NotNull Instant at,
            @NotBlank @Size(max = 500) String how,
            @Size(max = 500) String note) {
    }

    /** Parts are checked together by the procedure rules (422 listing each failing part), not field by field. */
    public record Decide(
            DispositionType type,
            @Valid ProcedureBody procedure,
            Integer correctionMonths,
            Reintegration reintegration,
            LocalDate readmissionBarUntil,
            @Size(max = 500) String note) {
    }

    public record ProcedureBody(
            @Size(max = 100) String body,
            LocalDate meetingDate,
            Integer eligible,
            Integer present,
            Integer votesFor,
            Integer votesAgainst,
            Integer abstentions,
            @Size(max = 2000) String talkRecord,
            @Size(max = 2000) String talkImpossibleEvidence,
            @Size(max = 100) String approvalRef) {

        public Procedure toDomain() {
            return new Procedure(body, meetingDate, eligible, present, votesFor, votesAgainst, abstentions, talkRecord,
                    talkImpossibleEvidence, approvalRef);
        }
    }

    public record RecordFollowUp(
            @NotNull Instant at,
            @NotNull FollowUpResult result,
            @Size(max = 500) String note) {
    }

    public record Scan(@NotNull Instant asOf) {
    }

    // --- responses ---------------------------------------------------------------------------------

    public record MemberSummary(UUID id, String name, String category, String standing, UUID orgId, String orgName) {
    }

    public record CaseSummary(UUID id, UUID memberId, String memberName, UUID orgId, CaseState state,
            LossSituation situation, boolean incomplete, Instant lostSince, long daysLost, int escalationLevel, int attemptCount,
            Instant openedAt, Instant foundAt, int reLossCount) {
    }

    public record AttemptView(UUID id, int episode, Instant at, SearchChannel channel, String actor,
            AttemptResult result, String note, String recordedBy, Instant recordedAt) {
    }

    public record EscalationView(int episode, int level, UUID fromOrgId, UUID toOrgId, String reason, Instant dueAt,
            Instant asOf) {
    }

    public record ProposalView(UUID id, int episode, String action, Instant proposedAt) {
    }

    public record DecisionView(UUID id, DispositionType type, Instant decidedAt, String decidedBy, String body,
            LocalDate meetingDate, Integer eligible, Integer present, Integer votesFor, Integer votesAgainst,
            Integer abstentions, String talk, String approvalRef, Integer correctionMonths, LocalDate correctionUntil,
            LocalDate readmissionBarUntil, Reintegration reintegration, String note) {
    }

    public record FollowUpView(int episode, int no, Cadence cadence, Instant dueAt, Instant doneAt,
            FollowUpResult result, String note, String recordedBy, boolean missed) {
    }

    public record TimelineView(Instant at, String actor, String kind, DispositionType disposition, String detail) {
    }

    /** Rule C4 as it stands for the case: when it is due and which requirements are still missing. */
    public record SuspensionCheckView(Instant dueAt, boolean met, List<SearchChannel> channelsTried,
            boolean fieldVisitDone, List<String> missing) {
    }

    public record NextEscalationView(int level, UUID toOrgId, Instant dueAt, boolean atRoot) {
    }

    /** 一人一档: the whole file. */
    public record CaseFileView(UUID id, MemberSummary member, CaseState state, String trigger,
            LossSituation situation, boolean incomplete, String cause, Owner owner, String note, Instant lostSince, long daysLost, Instant openedAt,
            String openedBy, Instant verificationDueAt, int episode, int reLossCount, int escalationLevel,
            UUID responsibleOrgId, NextEscalationView nextEscalation, Instant lastAttemptAt, int attemptCount,
            Instant foundAt, String foundBy, String foundHow, Instant suspendedAt, DispositionType disposition,
            Instant closedAt, String resolution, SuspensionCheckView suspensionCheck, List<AttemptView> attempts,
            List<EscalationView> escalations, List<ProposalView> proposals, List<DecisionView> decisions,
            List<FollowUpView> followUps, List<TimelineView> timeline) {
    }

    public record ScanResult(Instant asOf, int escalated, int rechecksDue, int suspensionsProposed,
            int removalsProposed, int followUpsDue, int followUpsMissed, int reportsPublished) {
    }
}
