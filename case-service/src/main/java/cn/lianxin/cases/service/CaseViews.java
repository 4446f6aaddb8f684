package cn.lianxin.cases.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.lianxin.cases.domain.AttemptResult;
import cn.lianxin.cases.domain.Cadence;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.FollowUpResult;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.Reintegration;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.service.CaseCommands.Owner;

/** What {@link CaseQueries} answers: the case file (一人一档) and its parts, as the case API shows them. */
public final class CaseViews {

    private CaseViews() {
    }

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
}
