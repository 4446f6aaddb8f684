package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.ErrorCode;
import cn.lianxin.notification.domain.PendingDelivery;
import cn.lianxin.notification.domain.RecipientRole;

/**
 * The delivery schedule as stored: PENDING rows of {@code notification} by {@code next_attempt_at}, their outcomes, and
 * every attempt in {@code delivery_attempt}.
 */
@ApplicationScoped
public class DeliveryRepository {

    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    private static final String PENDING_COLUMNS = """
            id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, recipient_role,
            recipient_org_id, recipient_member_id, recipient_name, channel, address, next_channels, fallback,
            CAST(model AS text) AS model, attempts, attempts_before_retry, deferred_by_quiet_hours, traceparent
            """;

    /** Who a notification goes to once the recipient is known; {@code nextChannels} comma-separated. */
    public record ResolvedRecipient(String name, Channel channel, String address, String addressesJson,
            String nextChannels) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public DeliveryRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Locks the next due notification, skipping rows another transaction holds. */
    public Optional<PendingDelivery> lockNextDue(Instant now) {
        List<?> rows = em.createNativeQuery("SELECT " + PENDING_COLUMNS + """
                FROM notification WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """, Tuple.class).setParameter("now", now).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(pending((Tuple) rows.get(0)));
    }

    public Optional<PendingDelivery> find(UUID id) {
        List<?> rows = em.createNativeQuery("SELECT " + PENDING_COLUMNS + " FROM notification WHERE id = :id", Tuple.class)
                .setParameter("id", id).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(pending((Tuple) rows.get(0)));
    }

    /** The recipient's name also goes into the model, which the templates read. */
    public void resolve(UUID id, ResolvedRecipient recipient) {
        em.createNativeQuery("""
                UPDATE notification SET channel = :channel, address = :address, recipient_addresses = CAST(:addresses AS jsonb),
                    next_channels = :next, recipient_name = :name,
                    model = jsonb_set(model, '{recipientName}', to_jsonb(CAST(:name AS text)))
                WHERE id = :id
                """)
                .setParameter("channel", recipient.channel().name())
                .setParameter("address", recipient.address())
                .setParameter("addresses", recipient.addressesJson())
                .setParameter("next", recipient.nextChannels())
                .setParameter("name", recipient.name())
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Copies the org's subtree path from the org projection when the notification has none yet. */
    public void fillPathIfMissing(UUID id) {
        em.createNativeQuery("""
                UPDATE notification n SET org_path = p.path FROM org_projection p
                WHERE n.id = :id AND n.org_path IS NULL AND p.org_id = n.org_id
                """).setParameter("id", id).executeUpdate();
    }

    public void defer(UUID id, Instant until) {
        em.createNativeQuery("""
                UPDATE notification SET next_attempt_at = :until, deferred_by_quiet_hours = true WHERE id = :id
                """).setParameter("until", until).setParameter("id", id).executeUpdate();
    }

    public void markDelivered(UUID id, int attempt, Instant at) {
        em.createNativeQuery("""
                UPDATE notification SET status = 'DELIVERED', attempts = :attempt, delivered_at = :at, next_attempt_at = NULL
                WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("at", at).setParameter("id", id).executeUpdate();
    }

    public void markRetry(UUID id, int attempt, Instant next, ErrorCode code, String message) {
        em.createNativeQuery("""
                UPDATE notification SET attempts = :attempt, next_attempt_at = :next, last_error_code = :code,
                    last_error = :message WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("next", next)
                .setParameter("code", code.name())
                .setParameter("message", message)
                .setParameter("id", id).executeUpdate();
    }

    public void markFailed(UUID id, int attempt, Instant at, ErrorCode code, String message) {
        em.createNativeQuery("""
                UPDATE notification SET status = 'FAILED', attempts = :attempt, failed_at = :at, next_attempt_at = NULL,
                    last_error_code = :code, last_error = :message WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("at", at)
                .setParameter("code", code.name())
                .setParameter("message", message)
                .setParameter("id", id).executeUpdate();
    }

    /** @return false unless the notification was FAILED */
    public boolean reschedule(UUID id, Instant now) {
        return em.createNativeQuery("""
                UPDATE notification SET status = 'PENDING', attempts_before_retry = attempts, next_attempt_at = :now,
                    failed_at = NULL WHERE id = :id AND status = 'FAILED'
                """).setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    /** One attempt: DELIVERED without an error code, FAILED with one. */
    public void recordAttempt(UUID id, int attempt, Instant at, ErrorCode code, String message) {
        em.createNativeQuery("""
                INSERT INTO delivery_attempt (notification_id, attempt_no, attempted_at, outcome, error_code, error_message)
                VALUES (:id, :attempt, :at, :outcome, :code, :message)
                """)
                .setParameter("id", id).setParameter("attempt", attempt).setParameter("at", at)
                .setParameter("outcome", code == null ? "DELIVERED" : "FAILED")
                .setParameter("code", code == null ? null : code.name())
                .setParameter("message", message)
                .executeUpdate();
    }

    private PendingDelivery pending(Tuple t) {
        return new PendingDelivery(t.get("id", UUID.class), t.get("source_event_id", UUID.class),
                t.get("source_event_type", String.class), t.get("template_key", String.class),
                t.get("member_id", UUID.class), t.get("case_id", UUID.class), t.get("org_id", UUID.class),
                RecipientRole.valueOf(t.get("recipient_role", String.class)), t.get("recipient_org_id", UUID.class),
                t.get("recipient_member_id", UUID.class), t.get("recipient_name", String.class),
                Channel.valueOf(t.get("channel", String.class)), t.get("address", String.class),
                t.get("next_channels", String.class), t.get("fallback", Boolean.class), model(t.get("model", String.class)),
                t.get("attempts", Integer.class), t.get("attempts_before_retry", Integer.class),
                t.get("deferred_by_quiet_hours", Boolean.class), t.get("traceparent", String.class));
    }

    private Map<String, Object> model(String json) {
        try {
            return mapper.readValue(json, MODEL);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification holds an unreadable model", e);
        }
    }
}
