package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import cn.lianxin.notification.domain.NotificationStatus;

/** The notifications as the API lists them: rows of {@code notification} with their digest's status, and attempts. */
@ApplicationScoped
public class NotificationReadRepository {

    /**
     * Which notifications: under {@code pathPrefix} (null for all), and each other value when set; {@code recipient}
     * is an address, a name, the recipient's member id, or the org whose secretary was notified.
     */
    public record Criteria(String pathPrefix, UUID memberId, UUID caseId, String recipient, NotificationStatus status) {
    }

    /**
     * A notification as stored (the address unmasked); {@code digestStatus} is the status of the digest it was sent in:
     * DELIVERED on any channel, else PENDING on any, else FAILED.
     */
    public record NotificationRow(UUID id, UUID sourceEventId, String sourceEventType, String templateKey, UUID memberId,
            UUID caseId, UUID orgId, String orgPath, String recipientRole, UUID recipientOrgId, UUID recipientMemberId,
            String recipientName, String address, String channel, boolean fallback, String status, int attempts,
            Instant nextAttemptAt, boolean deferredByQuietHours, Instant createdAt, Instant deliveredAt, Instant failedAt,
            String lastErrorCode, String lastError, UUID digestId, String digestStatus) {
    }

    public record AttemptRow(int attempt, Instant attemptedAt, String outcome, String errorCode, String errorMessage) {
    }

    private static final String COLUMNS = """
            id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, org_path, recipient_role,
            recipient_org_id, recipient_member_id, recipient_name, address, channel, fallback, status, attempts,
            next_attempt_at, deferred_by_quiet_hours, created_at, delivered_at, failed_at, last_error_code, last_error,
            digest_id, (SELECT CASE WHEN bool_or(d.status = 'DELIVERED') THEN 'DELIVERED'
                                    WHEN bool_or(d.status = 'PENDING') THEN 'PENDING' ELSE 'FAILED' END
                        FROM notification d WHERE d.digest_id = notification.digest_id AND d.template_key = 'digest'
                       ) AS digest_status
            """;

    private final EntityManager em;

    public NotificationReadRepository(EntityManager em) {
        this.em = em;
    }

    public long count(Criteria criteria) {
        Where where = where(criteria);
        return ((Number) where.bind(em.createNativeQuery("SELECT count(*) FROM notification" + where.sql()))
                .getSingleResult()).longValue();
    }

    /** Newest first. */
    public List<NotificationRow> page(Criteria criteria, int limit, int offset) {
        Where where = where(criteria);
        return where.bind(em.createNativeQuery("SELECT " + COLUMNS + " FROM notification" + where.sql()
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset", Tuple.class))
                .setParameter("limit", limit).setParameter("offset", offset).getResultList().stream()
                .map(row -> row((Tuple) row)).toList();
    }

    public Optional<NotificationRow> find(UUID id) {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM notification WHERE id = :id", Tuple.class)
                .setParameter("id", id).getResultList().stream().findFirst().map(row -> row((Tuple) row));
    }

    /** In the order they were made. */
    public List<AttemptRow> attempts(UUID notificationId) {
        List<?> rows = em.createNativeQuery("""
                SELECT attempt_no, attempted_at, outcome, error_code, error_message FROM delivery_attempt
                WHERE notification_id = :id ORDER BY attempt_no, id
                """, Tuple.class).setParameter("id", notificationId).getResultList();
        return rows.stream().map(Tuple.class::cast)
                .map(t -> new AttemptRow(t.get("attempt_no", Integer.class), t.get("attempted_at", Instant.class),
                        t.get("outcome", String.class), t.get("error_code", String.class),
                        t.get("error_message", String.class)))
                .toList();
    }

    /** A WHERE clause and the values of its parameters. */
    private record Where(String sql, Map<String, Object> params) {

        Query bind(Query query) {
            params.forEach(query::setParameter);
            return query;
        }
    }

    private static Where where(Criteria criteria) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (criteria.pathPrefix() != null) {
            where.append(" AND org_path LIKE :prefix");
            params.put("prefix", criteria.pathPrefix().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (criteria.memberId() != null) {
            where.append(" AND member_id = :member");
            params.put("member", criteria.memberId());
        }
        if (criteria.caseId() != null) {
            where.append(" AND case_id = :case");
            params.put("case", criteria.caseId());
        }
        if (criteria.status() != null) {
            where.append(" AND status = :status");
            params.put("status", criteria.status().name());
        }
        if (criteria.recipient() != null && !criteria.recipient().isBlank()) {
            where.append(" AND (address = :recipient OR recipient_name = :recipient"
                    + " OR CAST(recipient_member_id AS text) = :recipient OR CAST(recipient_org_id AS text) = :recipient)");
            params.put("recipient", criteria.recipient().strip());
        }
        return new Where(where.toString(), params);
    }

    private static NotificationRow row(Tuple t) {
        return new NotificationRow(t.get("id", UUID.class), t.get("source_event_id", UUID.class),
                t.get("source_event_type", String.class), t.get("template_key", String.class),
                t.get("member_id", UUID.class), t.get("case_id", UUID.class), t.get("org_id", UUID.class),
                t.get("org_path", String.class), t.get("recipient_role", String.class),
                t.get("recipient_org_id", UUID.class), t.get("recipient_member_id", UUID.class),
                t.get("recipient_name", String.class), t.get("address", String.class), t.get("channel", String.class),
                t.get("fallback", Boolean.class), t.get("status", String.class), t.get("attempts", Integer.class),
                t.get("next_attempt_at", Instant.class), t.get("deferred_by_quiet_hours", Boolean.class),
                t.get("created_at", Instant.class), t.get("delivered_at", Instant.class), t.get("failed_at", Instant.class),
                t.get("last_error_code", String.class), t.get("last_error", String.class), t.get("digest_id", UUID.class),
                t.get("digest_status", String.class));
    }
}
