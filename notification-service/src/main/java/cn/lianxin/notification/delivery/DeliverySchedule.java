package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.channel.DeliveryException;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.routing.Recipient;

/** The persisted delivery schedule: PENDING notifications by next_attempt_at, and their attempts. */
@ApplicationScoped
public class DeliverySchedule {

    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    private static final String PENDING_COLUMNS = """
            id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, recipient_role,
            recipient_org_id, recipient_member_id, recipient_name, channel, address, next_channels, fallback,
            CAST(model AS text) AS model, attempts, attempts_before_retry, deferred_by_quiet_hours
            """;

    private final EntityManager em;
    private final ObjectMapper mapper;

    public DeliverySchedule(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Locks the next due notification; other instances skip it (several dispatchers share the work). */
    @Transactional(TxType.MANDATORY)
    public Optional<PendingDelivery> claimNextDue(Instant now) {
        List<?> rows = em.createNativeQuery("SELECT " + PENDING_COLUMNS + """
                FROM notification WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """, Tuple.class).setParameter("now", now).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(pending((Tuple) rows.get(0)));
    }

    private Optional<PendingDelivery> claim(UUID id) {
        List<?> rows = em.createNativeQuery("SELECT " + PENDING_COLUMNS + " FROM notification WHERE id = :id", Tuple.class)
                .setParameter("id", id).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(pending((Tuple) rows.get(0)));
    }

    /**
     * The recipient was unknown when the event arrived (its org or profile had not reached this service yet)
     * and is known now: give the notification their name, addresses and channel chain.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<PendingDelivery> resolved(PendingDelivery n, Recipient recipient, List<Channel> chain, String addressesJson) {
        em.createNativeQuery("""
                UPDATE notification SET channel = :channel, address = :address, recipient_addresses = CAST(:addresses AS jsonb),
                    next_channels = :next, recipient_name = :name,
                    model = jsonb_set(model, '{recipientName}', to_jsonb(CAST(:name AS text)))
                WHERE id = :id
                """)
                .setParameter("channel", chain.get(0).name())
                .setParameter("address", recipient.addresses().get(chain.get(0)))
                .setParameter("addresses", addressesJson)
                .setParameter("next", String.join(",", chain.subList(1, chain.size()).stream().map(Channel::name).toList()))
                .setParameter("name", recipient.name() == null ? "" : recipient.name())
                .setParameter("id", n.id())
                .executeUpdate();
        return claim(n.id());
    }

    /** A notification recorded before its org reached the projection gets its subtree path as soon as it is known. */
    @Transactional(TxType.MANDATORY)
    public void fillPathIfMissing(UUID id) {
        em.createNativeQuery("""
                UPDATE notification n SET org_path = p.path FROM org_projection p
                WHERE n.id = :id AND n.org_path IS NULL AND p.org_id = n.org_id
                """).setParameter("id", id).executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    public void defer(UUID id, Instant until) {
        em.createNativeQuery("""
                UPDATE notification SET next_attempt_at = :until, deferred_by_quiet_hours = true WHERE id = :id
                """).setParameter("until", until).setParameter("id", id).executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    public void delivered(UUID id, int attempt, Instant at) {
        attempt(id, attempt, at, null, null);
        em.createNativeQuery("""
                UPDATE notification SET status = 'DELIVERED', attempts = :attempt, delivered_at = :at, next_attempt_at = NULL
                WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("at", at).setParameter("id", id).executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    public void retryLater(UUID id, int attempt, Instant at, Instant next, DeliveryException error, String address) {
        attempt(id, attempt, at, error, address);
        em.createNativeQuery("""
                UPDATE notification SET attempts = :attempt, next_attempt_at = :next, last_error_code = :code,
                    last_error = :message WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("next", next)
                .setParameter("code", error.code().name())
                .setParameter("message", NotificationEvents.safeMessage(error.getMessage(), address))
                .setParameter("id", id).executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    public void failed(UUID id, int attempt, Instant at, DeliveryException error, String address) {
        attempt(id, attempt, at, error, address);
        em.createNativeQuery("""
                UPDATE notification SET status = 'FAILED', attempts = :attempt, failed_at = :at, next_attempt_at = NULL,
                    last_error_code = :code, last_error = :message WHERE id = :id
                """).setParameter("attempt", attempt).setParameter("at", at)
                .setParameter("code", error.code().name())
                .setParameter("message", NotificationEvents.safeMessage(error.getMessage(), address))
                .setParameter("id", id).executeUpdate();
    }

    /** A manual retry: a FAILED notification goes back into the schedule, due now, with a fresh round. */
    @Transactional(TxType.MANDATORY)
    public boolean reschedule(UUID id, Instant now) {
        return em.createNativeQuery("""
                UPDATE notification SET status = 'PENDING', attempts_before_retry = attempts, next_attempt_at = :now,
                    failed_at = NULL WHERE id = :id AND status = 'FAILED'
                """).setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    private void attempt(UUID id, int attempt, Instant at, DeliveryException error, String address) {
        em.createNativeQuery("""
                INSERT INTO delivery_attempt (notification_id, attempt_no, attempted_at, outcome, error_code, error_message)
                VALUES (:id, :attempt, :at, :outcome, :code, :message)
                """)
                .setParameter("id", id).setParameter("attempt", attempt).setParameter("at", at)
                .setParameter("outcome", error == null ? "DELIVERED" : "FAILED")
                .setParameter("code", error == null ? null : error.code().name())
                .setParameter("message", error == null ? null : NotificationEvents.safeMessage(error.getMessage(), address))
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
                t.get("deferred_by_quiet_hours", Boolean.class));
    }

    private Map<String, Object> model(String json) {
        try {
            return mapper.readValue(json, MODEL);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification holds an unreadable model", e);
        }
    }
}
