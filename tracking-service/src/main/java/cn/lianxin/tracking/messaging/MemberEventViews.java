package cn.lianxin.tracking.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** This service's view of member-service's events: only the facts the clocks need (tolerant reader). */
final class MemberEventViews {

    private MemberEventViews() {
    }

    record Registered(UUID memberId, UUID orgId, List<UUID> orgPath, String name, String category, String standing,
            Instant registeredAt, List<String> focusTags) {
    }

    /** {@code focusTags} absent: none, when {@code changed} names them; otherwise unchanged. */
    record ProfileChanged(UUID memberId, UUID orgId, List<String> changed, String name, String category,
            List<String> focusTags) {

        boolean focusTagsChanged() {
            return focusTags != null || changed != null && changed.contains("focusTags");
        }
    }

    record LiaisonAssigned(UUID memberId, JsonNode liaison) {
    }

    record Destination(String place) {
    }

    record FlowedOut(UUID memberId, UUID outflowId, LocalDate leftAt, Destination destination) {
    }

    record ReportedIn(UUID memberId, UUID outflowId, Instant reportedInAt) {
    }

    record Returned(UUID memberId, UUID outflowId, Instant returnedAt) {
    }

    record Transferred(UUID memberId, UUID orgId, List<UUID> orgPath, UUID toOrgId, UUID transferId) {
    }

    /**
     * A transfer letter (介绍信) issued (TransferIssued), or its receipt (回执) overdue (TransferReceiptOverdue, M1):
     * {@code dueAt} is the last day the receipt is due.
     */
    record TransferInTransit(UUID memberId, UUID transferId, LocalDate issuedAt, LocalDate dueAt) {
    }

    record StandingChanged(UUID memberId, String from, String to, Instant effectiveAt) {
    }

    static String path(List<UUID> orgPath) {
        StringBuilder path = new StringBuilder("/");
        orgPath.forEach(id -> path.append(id).append('/'));
        return path.toString();
    }
}
