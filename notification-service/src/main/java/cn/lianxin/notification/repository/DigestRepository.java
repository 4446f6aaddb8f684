package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

/** HELD rows of {@code notification} and the digests they become (docs/domain.md §5). */
@ApplicationScoped
public class DigestRepository {

    /** One (recipient, kind, window) whose window has closed. */
    public record HeldGroup(String recipientKey, String templateKey, Instant dueAt) {
    }

    /** A held notification of a group; {@code lineJson} is its {@code digestLine} model entry as JSON text (or null). */
    public record HeldItem(UUID id, UUID orgId, String orgPath, UUID recipientOrgId, String recipientName,
            String lineJson) {
    }

    private final EntityManager em;

    public DigestRepository(EntityManager em) {
        this.em = em;
    }

    /** Waits for the one bundler lock of this schema, held until the transaction ends. */
    public void lockBundling() {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(current_schema() || '.digest_flush'))")
                .getSingleResult();
    }

    /** Locks one held row of the group due first, skipping rows another transaction holds. */
    public Optional<HeldGroup> lockNextDueGroup(Instant asOf) {
        List<?> groups = em.createNativeQuery("""
                SELECT recipient_key, template_key, digest_due_at FROM notification
                WHERE status = 'HELD' AND digest_due_at <= :asOf
                ORDER BY digest_due_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """, Tuple.class).setParameter("asOf", asOf).getResultList();
        return groups.stream().findFirst().map(Tuple.class::cast).map(group -> new HeldGroup(
                group.get("recipient_key", String.class), group.get("template_key", String.class),
                group.get("digest_due_at", Instant.class)));
    }

    /** Every held notification of the group, locked: most overdue first, then by name, then oldest first. */
    public List<HeldItem> lockItems(HeldGroup group) {
        List<?> rows = em.createNativeQuery("""
                SELECT id, org_id, org_path, recipient_org_id, recipient_name, CAST(model -> 'digestLine' AS text) AS line
                FROM notification
                WHERE status = 'HELD' AND recipient_key = :recipient AND template_key = :template AND digest_due_at = :due
                ORDER BY CAST(model -> 'digestLine' ->> 'daysOverdue' AS integer) DESC NULLS LAST,
                    model -> 'digestLine' ->> 'name', created_at, id
                FOR UPDATE
                """, Tuple.class)
                .setParameter("recipient", group.recipientKey())
                .setParameter("template", group.templateKey())
                .setParameter("due", group.dueAt())
                .getResultList();
        return rows.stream().map(Tuple.class::cast)
                .map(t -> new HeldItem(t.get("id", UUID.class), t.get("org_id", UUID.class), t.get("org_path", String.class),
                        t.get("recipient_org_id", UUID.class), t.get("recipient_name", String.class),
                        t.get("line", String.class)))
                .toList();
    }

    /** A held notification goes into the delivery schedule on its own, due at {@code now}. */
    public void release(UUID id, Instant now) {
        em.createNativeQuery("UPDATE notification SET status = 'PENDING', next_attempt_at = :now WHERE id = :id")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }

    /**
     * The digest: a PENDING notification due at {@code now} for the recipient, channel and source event of
     * {@code firstId}, with a recipient key of its own.
     */
    public void insertDigest(UUID digestId, UUID firstId, String templateKey, UUID orgId, String orgPath, String modelJson,
            Instant now) {
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
                .setParameter("digest", digestId)
                .setParameter("template", templateKey)
                .setParameter("org", orgId)
                .setParameter("path", orgPath)
                .setParameter("model", modelJson)
                .setParameter("now", now)
                .setParameter("first", firstId)
                .executeUpdate();
    }

    public void markDigested(UUID digestId, List<UUID> ids) {
        em.createNativeQuery("UPDATE notification SET status = 'DIGESTED', digest_id = :digest WHERE id IN (:ids)")
                .setParameter("digest", digestId)
                .setParameter("ids", ids)
                .executeUpdate();
    }
}
