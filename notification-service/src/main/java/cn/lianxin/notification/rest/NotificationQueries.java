package cn.lianxin.notification.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import cn.lianxin.notification.delivery.DeliverySchedule;
import cn.lianxin.notification.delivery.Masking;
import cn.lianxin.notification.domain.NotificationStatus;
import cn.lianxin.notification.rest.NotificationViews.AttemptView;
import cn.lianxin.notification.rest.NotificationViews.ErrorView;
import cn.lianxin.notification.rest.NotificationViews.NotificationView;
import cn.lianxin.notification.rest.NotificationViews.RecipientView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Reading notifications within the caller's subtree, and the manual retry. */
@ApplicationScoped
public class NotificationQueries {

    /** Filters of GET /api/v1/notifications; all optional. */
    public record Filter(UUID memberId, UUID caseId, String recipient, NotificationStatus status) {
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
    private final DeliverySchedule schedule;
    private final Clock clock;

    public NotificationQueries(EntityManager em, DeliverySchedule schedule, Clock clock) {
        this.em = em;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Transactional
    public Page<NotificationView> list(Filter filter, PageRequest page, OrgScope scope) {
        Optional<String> prefix = scope.visiblePathPrefix();
        if (prefix.isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (!scope.isAdmin()) {
            where.append(" AND org_path LIKE :prefix");
            params.put("prefix", prefix.get().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.memberId() != null) {
            where.append(" AND member_id = :member");
            params.put("member", filter.memberId());
        }
        if (filter.caseId() != null) {
            where.append(" AND case_id = :case");
            params.put("case", filter.caseId());
        }
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.recipient() != null && !filter.recipient().isBlank()) {
            // an address, a name, the recipient's member id, or the org whose secretary was notified
            where.append(" AND (address = :recipient OR recipient_name = :recipient"
                    + " OR CAST(recipient_member_id AS text) = :recipient OR CAST(recipient_org_id AS text) = :recipient)");
            params.put("recipient", filter.recipient().strip());
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM notification" + where);
        Query rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM notification" + where
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset", Tuple.class);
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        List<NotificationView> items = new ArrayList<>();
        for (Object row : rows.setParameter("limit", page.size).setParameter("offset", page.offset()).getResultList()) {
            items.add(view((Tuple) row));
        }
        return new Page<>(items, page.page, page.size, total);
    }

    /** One notification with every delivery attempt; outside the caller's subtree it does not exist (404). */
    @Transactional
    public NotificationView get(UUID id, OrgScope scope) {
        Tuple row = visible(id, scope);
        List<AttemptView> attempts = new ArrayList<>();
        for (Object a : em.createNativeQuery("""
                SELECT attempt_no, attempted_at, outcome, error_code, error_message FROM delivery_attempt
                WHERE notification_id = :id ORDER BY attempt_no, id
                """, Tuple.class).setParameter("id", id).getResultList()) {
            Tuple t = (Tuple) a;
            attempts.add(new AttemptView(t.get("attempt_no", Integer.class), t.get("attempted_at", Instant.class),
                    t.get("outcome", String.class), t.get("error_code", String.class), t.get("error_message", String.class)));
        }
        return view(row).withAttempts(attempts);
    }

    /** Puts a FAILED notification back into the schedule, due now; anything else is a conflict. */
    @Transactional
    public NotificationView retry(UUID id, OrgScope scope) {
        Tuple row = visible(id, scope);
        if (!schedule.reschedule(id, clock.instant())) {
            throw ProblemException.conflict("notification " + id + " is " + row.get("status", String.class)
                    + ": only a FAILED notification can be retried");
        }
        return get(id, scope);
    }

    private Tuple visible(UUID id, OrgScope scope) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM notification WHERE id = :id", Tuple.class)
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("notification", id);
        }
        Tuple row = (Tuple) rows.get(0);
        String path = row.get("org_path", String.class);
        boolean visible = scope.isAdmin() || (path != null && scope.visiblePathPrefix().map(path::startsWith).orElse(false));
        if (!visible) {
            throw ProblemException.notFound("notification", id);
        }
        return row;
    }

    private static NotificationView view(Tuple t) {
        String errorCode = t.get("last_error_code", String.class);
        return new NotificationView(t.get("id", UUID.class), t.get("source_event_id", UUID.class),
                t.get("source_event_type", String.class), t.get("template_key", String.class),
                t.get("member_id", UUID.class), t.get("case_id", UUID.class), t.get("org_id", UUID.class),
                new RecipientView(t.get("recipient_role", String.class), t.get("recipient_org_id", UUID.class),
                        t.get("recipient_member_id", UUID.class), t.get("recipient_name", String.class),
                        Masking.mask(t.get("address", String.class))),
                t.get("channel", String.class), t.get("fallback", Boolean.class), t.get("status", String.class),
                t.get("attempts", Integer.class), t.get("next_attempt_at", Instant.class),
                t.get("deferred_by_quiet_hours", Boolean.class), t.get("created_at", Instant.class),
                t.get("delivered_at", Instant.class), t.get("failed_at", Instant.class),
                errorCode == null ? null : new ErrorView(errorCode, t.get("last_error", String.class)),
                t.get("digest_id", UUID.class), t.get("digest_id", UUID.class) == null ? null : t.get("digest_status", String.class),
                null);
    }
}
