package cn.lianxin.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

/** The editable texts of the notification kinds (table {@code notification_template}, defaults in migration V1__baseline). */
@ApplicationScoped
public class TemplateRepository {

    /** A template as stored, with the version its ETag names. */
    public record StoredTemplate(String key, String description, String subject, String body, Instant updatedAt,
            String updatedBy, long version) {
    }

    private final EntityManager em;

    public TemplateRepository(EntityManager em) {
        this.em = em;
    }

    public List<StoredTemplate> all() {
        return em.createNativeQuery("SELECT * FROM notification_template ORDER BY template_key", Tuple.class)
                .getResultList().stream().map(row -> stored((Tuple) row)).toList();
    }

    public Optional<StoredTemplate> find(String key) {
        return em.createNativeQuery("SELECT * FROM notification_template WHERE template_key = :key", Tuple.class)
                .setParameter("key", key).getResultList().stream().map(row -> stored((Tuple) row)).findFirst();
    }

    /** Stores a new text if the template is still at {@code version}; false when another change came first. */
    public boolean update(String key, long version, String subject, String body, Instant at, String by) {
        return em.createNativeQuery("""
                UPDATE notification_template
                SET subject = :subject, body = :body, updated_at = :at, updated_by = :by, version = version + 1
                WHERE template_key = :key AND version = :version
                """)
                .setParameter("subject", subject).setParameter("body", body).setParameter("at", at)
                .setParameter("by", by).setParameter("key", key).setParameter("version", version)
                .executeUpdate() == 1;
    }

    private static StoredTemplate stored(Tuple row) {
        return new StoredTemplate(row.get("template_key", String.class), row.get("description", String.class),
                row.get("subject", String.class), row.get("body", String.class), row.get("updated_at", Instant.class),
                row.get("updated_by", String.class), row.get("version", Long.class));
    }
}
