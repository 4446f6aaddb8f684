package cn.lianxin.cases.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.SearchChannel;

/** The events case-service publishes on {@code case.events}: payloads exactly as in contracts/schemas/case. */
public final class CaseEvents {

    public static final String CASE_OPENED = "lianxin.case.CaseOpened.v1";
    public static final String SEARCH_ATTEMPT_LOGGED = "lianxin.case.SearchAttemptLogged.v1";
    public static final String CASE_ESCALATED = "lianxin.case.CaseEscalated.v1";
    public static final String CASE_RECHECK_DUE = "lianxin.case.CaseRecheckDue.v1";
    public static final String MEMBER_FOUND = "lianxin.case.MemberFound.v1";
    public static final String CASE_DISPOSED = "lianxin.case.CaseDisposed.v1";
    public static final String FOLLOW_UP_DUE = "lianxin.case.FollowUpDue.v1";
    public static final String FOLLOW_UP_MISSED = "lianxin.case.FollowUpMissed.v1";
    public static final String STANDING_ACTION_PROPOSED = "lianxin.case.StandingActionProposed.v1";
    public static final String CASE_CLOSED = "lianxin.case.CaseClosed.v1";
    public static final String MONTHLY_REPORT_PUBLISHED = "lianxin.case.MonthlyReportPublished.v1";
    public static final String FOLLOW_UP_RECORDED = "lianxin.case.FollowUpRecorded.v1";
    public static final String CASE_DETAILS_CHANGED = "lianxin.case.CaseDetailsChanged.v1";

    private CaseEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseOpened(UUID caseId, UUID memberId, UUID orgId, String trigger, LossSituation situation,
            String cause, Instant lostSince, boolean reopened, Instant verificationDueAt, UUID sourceEventId,
            String openedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SearchAttemptLogged(UUID caseId, UUID memberId, UUID orgId, UUID attemptId, Instant at,
            SearchChannel channel, String result, String actor, List<SearchChannel> channelsTried,
            boolean fieldVisitDone, int attemptCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseEscalated(UUID caseId, UUID memberId, UUID orgId, int level, UUID fromOrgId, UUID toOrgId,
            String reason, Instant dueAt, Instant lastAttemptAt, Instant lostSince, String threshold, boolean atRoot,
            Instant asOf) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseRecheckDue(UUID caseId, UUID memberId, UUID orgId, LocalDate weekOf, UUID responsibleOrgId,
            int escalationLevel, Instant lastAttemptAt, Instant lostSince, Instant asOf) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberFound(UUID caseId, UUID memberId, UUID orgId, Instant foundAt, String foundBy,
            SearchChannel channel, Instant lostSince, long daysLost, boolean suspended, UUID sourceEventId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Procedure(String body, LocalDate meetingDate, int eligible, int present, int votesFor,
            int votesAgainst, int abstentions, String talk, String approvalRef) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseDisposed(UUID caseId, UUID memberId, UUID orgId, UUID decisionId, DispositionType type,
            String standingTo, Instant decidedAt, Procedure procedure, Integer correctionMonths,
            LocalDate correctionUntil, String reintegration, LocalDate readmissionBarUntil, String decidedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FollowUpNotice(UUID caseId, UUID memberId, UUID orgId, int followUpNo, int planSize,
            String cadence, Instant dueAt, Instant asOf) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StandingActionProposed(UUID caseId, UUID memberId, UUID orgId, UUID proposalId, String action,
            UUID superiorOrgId, Instant lostSince, List<SearchChannel> channelsTried, Boolean fieldVisitDone,
            Instant suspendedAt, Instant foundAt, Instant asOf) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseClosed(UUID caseId, UUID memberId, UUID orgId, String resolution, Instant lostSince,
            Instant foundAt, long daysLost, DispositionType disposition, int attemptCount, int reLossCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FollowUpRecorded(UUID caseId, UUID memberId, UUID orgId, int followUpNo, int planSize,
            Instant visitedAt, String result, String recordedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(String name, UUID memberId) {
    }

    /** The details after the change; {@code changed} names what changed (situation, cause, lostSince, owner). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseDetailsChanged(UUID caseId, UUID memberId, UUID orgId, List<String> changed,
            LossSituation situation, String cause, Instant lostSince, Owner owner, String changedBy,
            Instant changedAt) {
    }
}
