package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.routing.PlannedNotification;
import cn.lianxin.notification.template.NotificationKind;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;

/**
 * Bundles held notifications into digests (docs/domain.md §5): one (recipient, kind, window) at a time, in one
 * transaction. Two or more become one notification with template {@code digest} listing every member (name,
 * reason, days overdue; most overdue first, then by name) and a link to the recipient org's work list, due now in the ordinary delivery schedule
 * (preferred channel, fallback, back-off, quiet hours); the held ones become DIGESTED and point to it. A window
 * with a single notification sends that notification itself, with its own template.
 */
@ApplicationScoped
public class Digests {

    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final OrgProjection orgs;
    private final String worklistUrl;

    public Digests(EntityManager em, ObjectMapper mapper, OrgProjection orgs, NotificationConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.orgs = orgs;
        this.worklistUrl = config.worklistUrl();
    }

    /**
     * @return false when no window closed at or before {@code asOf} holds anything
     */
    @Transactional
    public boolean bundleNextDue(Instant asOf) {
        // One bundler at a time across replicas, for this transaction. Without it two replicas could each take a
        // different row of the same group with SKIP LOCKED and then wait for each other's row in the group's
        // FOR UPDATE below: a deadlock that PostgreSQL breaks by failing one of them. The lock is waited for, not
        // tried: the other bundler may be flushing as of an earlier instant, and giving up would leave this caller's
        // due windows held until the next run.
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(current_schema() || '.digest_flush'))")
                .getSingleResult();
        List<?> groups = em.createNativeQuery("""
                SELECT recipient_key, template_key, digest_due_at FROM notification
                WHERE status = 'HELD' AND digest_due_at <= :asOf
                ORDER BY digest_due_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """, Tuple.class).setParameter("asOf", asOf).getResultList();
        if (groups.isEmpty()) {
            return false;
        }
        Tuple group = (Tuple) groups.get(0);
        // Every held notification of the group; another instance that took part of it re-reads them as DIGESTED.
        List<Tuple> items = em.createNativeQuery("""
                SELECT id, org_id, org_path, recipient_org_id, recipient_name, CAST(model -> 'digestLine' AS text) AS line
                FROM notification
                WHERE status = 'HELD' AND recipient_key = :recipient AND template_key = :template AND digest_due_at = :due
                ORDER BY CAST(model -> 'digestLine' ->> 'daysOverdue' AS integer) DESC NULLS LAST,
                    model -> 'digestLine' ->> 'name', created_at, id
                FOR UPDATE
                """, Tuple.class)
                .setParameter("recipient", group.get("recipient_key", String.class))
                .setParameter("template", group.get("template_key", String.class))
                .setParameter("due", group.get("digest_due_at", Instant.class))
                .getResultList().stream().map(Tuple.class::cast).toList();
        if (items.size() == 1) {
            release(items.get(0).get("id", UUID.class), asOf);
        } else if (!items.isEmpty()) {
            bundle(items, group.get("template_key", String.class), asOf);
        }
        return true;
    }

    private void release(UUID id, Instant asOf) {
        em.createNativeQuery("UPDATE notification SET status = 'PENDING', next_attempt_at = :now WHERE id = :id")
                .setParameter("now", asOf).setParameter("id", id).executeUpdate();
    }

    private void bundle(List<Tuple> items, String templateKey, Instant asOf) {
        Tuple first = items.get(0);
        UUID recipientOrg = first.get("recipient_org_id", UUID.class);
        UUID org = recipientOrg != null && orgs.find(recipientOrg).isPresent() ? recipientOrg : first.get("org_id", UUID.class);
        String path = orgs.pathOf(org).orElse(first.get("org_path", String.class));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Tuple item : items) {
            Map<String, Object> line = new LinkedHashMap<>();
            Map<String, Object> stored = line(item.get("line", String.class));
            line.put("name", stored.getOrDefault("name", ""));
            line.put("reason", stored.getOrDefault("reason", ""));
            line.put("daysOverdue", stored.get("daysOverdue"));
            lines.add(line);
        }
        String recipientName = first.get("recipient_name", String.class);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("recipientName", recipientName == null ? "" : recipientName);
        model.put("memberName", "");
        model.put("orgName", orgs.find(org).map(OrgSnapshot.View::name).orElse(""));
        model.put("kind", NotificationKind.byKey(templateKey).map(NotificationKind::label).orElse(templateKey));
        model.put("count", items.size());
        model.put("items", lines);
        model.put("worklistUrl", worklistUrl + (worklistUrl.contains("?") ? "&" : "?") + "orgId=" + org);
        UUID digest = UUID.randomUUID();
        // The digest carries the source event of its first line (NotificationDelivered/Failed name one event).
        em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                    address, recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at, created_at,
                    digest_id)
                SELECT :digest, source_event_id, source_event_type, :template, NULL, NULL, :org, :path,
                    recipient_key || '|digest:' || template_key || ':' || CAST(digest_due_at AS text), recipient_role,
                    recipient_org_id, recipient_member_id, recipient_name, channel, address, recipient_addresses,
                    next_channels, false, CAST(:model AS jsonb), 'PENDING', 0, :now, :now, :digest
                FROM notification WHERE id = :first
                """)
                .setParameter("digest", digest)
                .setParameter("template", NotificationKind.DIGEST.key())
                .setParameter("org", org)
                .setParameter("path", path)
                .setParameter("model", json(model))
                .setParameter("now", asOf)
                .setParameter("first", first.get("id", UUID.class))
                .executeUpdate();
        em.createNativeQuery("UPDATE notification SET status = 'DIGESTED', digest_id = :digest WHERE id IN (:ids)")
                .setParameter("digest", digest)
                .setParameter("ids", items.stream().map(t -> t.get("id", UUID.class)).toList())
                .executeUpdate();
    }

    private Map<String, Object> line(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, LINE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("held notification with an unreadable " + PlannedNotification.DIGEST_LINE, e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
