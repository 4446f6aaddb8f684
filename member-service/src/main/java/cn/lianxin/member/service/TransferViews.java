package cn.lianxin.member.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import cn.lianxin.member.service.TransferCommands.ExternalOrg;

/** What the transfer, annual-review and scan services answer (the response bodies). */
public final class TransferViews {

    private TransferViews() {
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

    public record ReviewView(UUID id, UUID memberId, int year, LocalDate verifiedAt, String note, String recordedBy,
            Instant recordedAt) {
    }

    /** One member of the subtree in a review year: reviewed (with the day) or not yet. */
    /**
     * A member in the 年审 list: reviewed or not, and whether the contact details must be verified (联系方式核实) and
     * why (PHONE_FAILING, EMAIL_FAILING, WECHAT_FAILING, UNCONFIRMED).
     */
    public record ReviewStatus(UUID memberId, String name, UUID orgId, boolean reviewed, LocalDate verifiedAt,
            boolean contactVerificationDue, java.util.List<cn.lianxin.member.domain.ContactVerification.Reason> contactReasons) {
    }

    public record ReviewList(int year, long reviewed, long pending, java.util.List<ReviewStatus> items, int page, int size,
            long total) {
    }

    /** What one scan appended, per rule (M1–M6). */
    public record ScanResult(Instant asOf, int transferReceiptOverdue, int annualReviewOverdue, int transferRecommended,
            int reportInOverdue, int handshakeEscalated, int contactVerificationDue) {
    }
}
