package cn.lianxin.member.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** Transfers' (组织关系转接) and annual reviews' (年审) request and response bodies. */
public final class TransferDtos {

    private TransferDtos() {
    }

    public record ExternalOrg(@NotBlank @NotBlankAfterTrim @Size(max = 200) String name, @NotBlank @Size(max = 500) String region) {
    }

    /** To a branch of this system ({@code toOrgId}) or to an org outside it ({@code toExternalOrg}). */
    public record IssueTransfer(
            @NotNull UUID memberId,
            UUID toOrgId,
            @Valid ExternalOrg toExternalOrg,
            @NotNull Boolean crossProvince,
            @NotNull LocalDate issuedAt) {
    }

    public record Receipt(Instant receivedAt) {
    }

    public record TransferView(
            UUID id,
            UUID memberId,
            UUID fromOrgId,
            UUID toOrgId,
            ExternalOrg toExternalOrg,
            boolean crossProvince,
            LocalDate issuedAt,
            String validity,
            LocalDate dueAt,
            String status,
            boolean overdue,
            Instant receivedAt) {
    }

    public record RecordReview(
            @NotNull Integer year,
            @NotNull LocalDate verifiedAt,
            @Size(max = 500) String note) {
    }

    public record ReviewView(UUID id, UUID memberId, int year, LocalDate verifiedAt, String note, String recordedBy,
            Instant recordedAt) {
    }

    /** One member of the subtree in a review year: reviewed (with the day) or not yet. */
    public record ReviewStatus(UUID memberId, String name, UUID orgId, boolean reviewed, LocalDate verifiedAt) {
    }

    public record ReviewList(int year, long reviewed, long pending, java.util.List<ReviewStatus> items, int page, int size,
            long total) {
    }

    public record ScanRequest(@NotNull Instant asOf) {
    }

    public record ScanResult(Instant asOf, int transferReceiptOverdue, int annualReviewOverdue, int transferRecommended) {
    }
}
