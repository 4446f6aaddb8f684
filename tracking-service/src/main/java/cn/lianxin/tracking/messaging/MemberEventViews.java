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

    record Registered(UUID memberId, UUID orgId, List<UUID> orgPath, String category, String standing,
            Instant registeredAt) {
    }

    record ProfileChanged(UUID memberId, UUID orgId, String category) {
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

    record Transferred(UUID memberId, UUID orgId, List<UUID> orgPath, UUID toOrgId) {
    }

    record StandingChanged(UUID memberId, String from, String to, Instant effectiveAt) {
    }

    static String path(List<UUID> orgPath) {
        StringBuilder path = new StringBuilder("/");
        orgPath.forEach(id -> path.append(id).append('/'));
        return path.toString();
    }
}
