package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The 报平安 links used (table {@code self_check_in_link}): a link records one contact, once, ever. */
@ApplicationScoped
public class SelfCheckInRepository {

    private final EntityManager em;

    public SelfCheckInRepository(EntityManager em) {
        this.em = em;
    }

    /** When the link was used, if it was. */
    public Optional<Instant> usedAt(UUID jti) {
        return Sql.select(em, "SELECT used_at FROM self_check_in_link WHERE jti = :jti").set("jti", jti)
                .rows(r -> r.instant("used_at")).stream().findFirst();
    }

    /**
     * Marks the link used by the contact {@code contactId}. A second use of the same link, even at the same moment
     * from another request, waits for the first to commit and then claims nothing.
     *
     * @return whether this call claimed it
     */
    public boolean claim(UUID jti, UUID memberId, UUID contactId, Instant usedAt, Instant expiresAt) {
        return Sql.of(em, """
                INSERT INTO self_check_in_link (jti, member_id, contact_id, used_at, expires_at)
                VALUES (:jti, :member, :contact, :at, :expires)
                ON CONFLICT (jti) DO NOTHING
                """).set("jti", jti).set("member", memberId).set("contact", contactId).set("at", usedAt)
                .set("expires", expiresAt).update() == 1;
    }
}
