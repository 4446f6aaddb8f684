package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** What the transfer (组织关系转接) and annual-review (年审) API asks of its services: the request bodies. */
public final class TransferCommands {

    private TransferCommands() {
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

    public record RecordReview(
            @NotNull Integer year,
            @NotNull LocalDate verifiedAt,
            @Size(max = 500) String note) {
    }
}
