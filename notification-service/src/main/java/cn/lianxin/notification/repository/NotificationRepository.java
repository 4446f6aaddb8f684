package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.RecipientRole;

/**
 * New rows of {@code notification}. The unique constraint (source event, recipient, channel) makes a second insert of
 * the same notification a no-op.
 */
@ApplicationScoped
public class NotificationRepository {

    /**
     * A routed notification as it enters the schedule: due at {@code now}, or HELD for the digest window that closes at
     * {@code heldUntil} when that is set. JSON values as text; {@code nextChannels} comma-separated.
     */
    public record NewNotification(UUID sourceEventId, String sourceEventType, String templateKey, UUID memberId,
            UUID caseId, UUID orgId, String orgPath, String recipientKey, RecipientRole role, UUID recipientOrgId,
            UUID recipientMemberId, String recipientName, Channel channel, String address, String addressesJson,
            String nextChannels, String modelJson, Instant heldUntil, String traceparent) {
    }

    private final EntityManager em;

    public NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /** @return 1 when inserted, 0 when the notification was there already */
    public int insert(UUID id, NewNotification n, Instant now) {
        return em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                    address, recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at, created_at,
                    digest_due_at, traceparent)
                VALUES (:id, :eventId, :eventType, :template, :member, :case, :org, :path, :recipientKey, :role,
                    :recipientOrg, :recipientMember, :recipientName, :channel, :address, CAST(:addresses AS jsonb), :next,
                    false, CAST(:model AS jsonb), CASE WHEN :held THEN 'HELD' ELSE 'PENDING' END, 0,
                    CASE WHEN :held THEN CAST(NULL AS timestamptz) ELSE CAST(:now AS timestamptz) END, :now,
                    CASE WHEN :held THEN CAST(:heldUntil AS timestamptz) END, CAST(:traceparent AS text))
                ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                """)
                .setParameter("id", id)
                .setParameter("eventId", n.sourceEventId())
                .setParameter("eventType", n.sourceEventType())
                .setParameter("template", n.templateKey())
                .setParameter("member", n.memberId())
                .setParameter("case", n.caseId())
                .setParameter("org", n.orgId())
                .setParameter("path", n.orgPath())
                .setParameter("recipientKey", n.recipientKey())
                .setParameter("role", n.role().name())
                .setParameter("recipientOrg", n.recipientOrgId())
                .setParameter("recipientMember", n.recipientMemberId())
                .setParameter("recipientName", n.recipientName())
                .setParameter("channel", n.channel().name())
                .setParameter("address", n.address())
                .setParameter("addresses", n.addressesJson())
                .setParameter("next", n.nextChannels())
                .setParameter("model", n.modelJson())
                .setParameter("now", now)
                .setParameter("held", n.heldUntil() != null)
                // never null, so that the parameter has a type; unused when not held
                .setParameter("heldUntil", n.heldUntil() == null ? now : n.heldUntil())
                .setParameter("traceparent", n.traceparent())
                .executeUpdate();
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
