package cn.lianxin.cases.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.lianxin.cases.domain.AttemptResult;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.FollowUpResult;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.Procedure;
import cn.lianxin.cases.domain.Reintegration;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/**
 * What the case API asks of the use cases ({@link CaseService}, {@link DecisionService}, {@link FollowUpService}):
 * the request bodies, validated where they enter (the services' {@code @Valid} parameters).
 */
public final class CaseCommands {

    private CaseCommands() {
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
}
