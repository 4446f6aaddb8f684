package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.RecipientRole;

/**
 * New rows of {@code notification}. The unique constraint (source event, recipient, channel) makes a second insert of
 * the same notification a no-op.
 */
@ApplicationScoped
public class NotificationRepository {

    /**
     * A routed notification as it enters the schedule: due at {@code createdAt}, or HELD for the digest window that
     * closes at {@code heldUntil} when that is set; {@code nextChannels} comma-separated.
     */
    public record NewNotification(UUID id, UUID sourceEventId, String sourceEventType, String templateKey, UUID memberId,
            UUID caseId, UUID orgId, String orgPath, String recipientKey, RecipientRole role, UUID recipientOrgId,
            UUID recipientMemberId, String recipientName, Channel channel, String address, JsonNode addresses,
            String nextChannels, JsonNode model, Instant heldUntil, String traceparent, Instant createdAt) {
    }

    /** Rows per statement of {@link #insertAll}: a statement's JSON parameter stays a few megabytes at most. */
    static final int SET_SIZE = 1000;

    private final EntityManager em;
    private final ObjectMapper mapper;

    public NotificationRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * Inserts {@code notifications} in one statement per {@value #SET_SIZE} rows (a batch of events schedules hundreds
     * at once), each one that is not there already.
     *
     * @return how many were inserted: those already there (same event, recipient and channel) are left as they are
     */
    public int insertAll(List<NewNotification> notifications) {
        int inserted = 0;
        for (int from = 0; from < notifications.size(); from += SET_SIZE) {
            ArrayNode rows = mapper.createArrayNode();
            notifications.subList(from, Math.min(notifications.size(), from + SET_SIZE)).forEach(n -> rows.add(row(n)));
            inserted += em.createNativeQuery("""
                    INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id,
                        org_id, org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id,
                        recipient_name, channel, address, recipient_addresses, next_channels, fallback, model, status,
                        attempts, next_attempt_at, created_at, digest_due_at, traceparent)
                    SELECT id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, org_path,
                        recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                        address, recipient_addresses, next_channels, false, model, status, 0, next_attempt_at, created_at,
                        digest_due_at, traceparent
                    FROM jsonb_populate_recordset(NULL::notification, CAST(:rows AS jsonb))
                    ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                    """)
                    .setParameter("rows", rows.toString())
                    .executeUpdate();
        }
        return inserted;
    }

    /** One row as {@code notification}'s columns name it; a held one waits for its digest, the others are due now. */
    private ObjectNode row(NewNotification n) {
        boolean held = n.heldUntil() != null;
        ObjectNode row = mapper.createObjectNode()
                .put("id", n.id().toString())
                .put("source_event_id", n.sourceEventId().toString())
                .put("source_event_type", n.sourceEventType())
                .put("template_key", n.templateKey())
                .put("member_id", text(n.memberId()))
                .put("case_id", text(n.caseId()))
                .put("org_id", n.orgId().toString())
                .put("org_path", n.orgPath())
                .put("recipient_key", n.recipientKey())
                .put("recipient_role", n.role().name())
                .put("recipient_org_id", text(n.recipientOrgId()))
                .put("recipient_member_id", text(n.recipientMemberId()))
                .put("recipient_name", n.recipientName())
                .put("channel", n.channel().name())
                .put("address", n.address())
                .put("next_channels", n.nextChannels())
                .put("status", held ? "HELD" : "PENDING")
                .put("next_attempt_at", held ? null : n.createdAt().toString())
                .put("created_at", n.createdAt().toString())
                .put("digest_due_at", held ? n.heldUntil().toString() : null)
                .put("traceparent", n.traceparent());
        row.set("recipient_addresses", n.addresses());
        row.set("model", n.model());
        return row;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /**
     * The same notification as {@code failedId} on {@code channel} (address from its stored addresses), due at
     * {@code now}; a no-op when that notification exists already.
     */
    public void insertFallback(UUID id, UUID failedId, Channel channel, String nextChannels, Instant now) {
        em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                    address, recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at, created_at,
                    digest_id, traceparent)
                SELECT :id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, org_path,
                    recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, :channel,
                    recipient_addresses ->> :channel, recipient_addresses, :next, true, model, 'PENDING', 0, :now, :now,
                    digest_id, traceparent
                FROM notification WHERE id = :failed
                ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                """)
                .setParameter("id", id)
                .setParameter("channel", channel.name())
                .setParameter("next", nextChannels)
                .setParameter("now", now)
                .setParameter("failed", failedId)
                .executeUpdate();
    }
}
