package cn.lianxin.member.repository;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import cn.lianxin.member.domain.ContactDetail;
import cn.lianxin.member.domain.ContactVerification.Failure;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;

/**
 * Contact-data health (联系方式核实): the audit of confirmations, and the members of a subtree whose contact details
 * must be verified — a failing detail, or the last confirmation (else registration) at or before the cutoff of
 * {@code ContactVerification.cutoff}, the same rule the member view applies.
 */
@ApplicationScoped
public class ContactHealthRepository {

    /** The columns of a member's contact health, for {@link #health(Row)}. */
    static final String HEALTH_COLUMNS = """
            m.registered_at, m.contact_confirmed_at, m.phone_failing_since, m.phone_failure_code, m.email_failing_since,
            m.email_failure_code, m.wechat_failing_since, m.wechat_failure_code""";

    private static final String DUE = """
            FROM member m JOIN org o ON o.id = m.org_id
            WHERE o.path LIKE :prefix AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
              AND (m.phone_failing_since IS NOT NULL OR m.email_failing_since IS NOT NULL
                   OR m.wechat_failing_since IS NOT NULL OR COALESCE(m.contact_confirmed_at, m.registered_at) <= :cutoff)
            """;

    /** A member's contact health as stored: registration, last confirmation, failing details. */
    public record Health(Instant registeredAt, Instant confirmedAt, Map<ContactDetail, Failure> failing) {
    }

    /** A member whose contact details must be verified, with what the verdict needs. */
    public record DueMember(UUID memberId, String name, UUID orgId, Health health) {
    }

    private final EntityManager em;

    public ContactHealthRepository(EntityManager em) {
        this.em = em;
    }

    /** Records who confirmed a member's contact details and when, and which failing details that cleared. */
    public void insertConfirmation(UUID memberId, String by, Instant at, List<ContactDetail> cleared) {
        em.createNativeQuery("""
                INSERT INTO contact_confirmation (id, member_id, confirmed_by, confirmed_at, cleared)
                VALUES (gen_random_uuid(), :member, :by, :at, CAST(:cleared AS text[]))
                """).setParameter("member", memberId).setParameter("by", by).setParameter("at", at)
                .setParameter("cleared", "{" + String.join(",", cleared.stream().map(Enum::name).toList()) + "}")
                .executeUpdate();
    }

    public long countDue(String pathPrefix, Instant cutoff) {
        return Row.single(em.createNativeQuery("SELECT count(*) AS n " + DUE, Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("cutoff", cutoff), r -> r.longValue("n"));
    }

    /** A page of the subtree's members whose contact details must be verified, by name. */
    public List<DueMember> due(String pathPrefix, Instant cutoff, PageRequest page) {
        return Row.list(em.createNativeQuery("SELECT m.id, m.name, m.org_id, " + HEALTH_COLUMNS + " " + DUE
                + " ORDER BY m.name, m.id LIMIT :size OFFSET :offset", Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("cutoff", cutoff)
                .setParameter("size", page.size).setParameter("offset", page.offset()),
                r -> new DueMember(r.uuid("id"), r.string("name"), r.uuid("org_id"), health(r)));
    }

    /** Reads {@link #HEALTH_COLUMNS}. */
    static Health health(Row r) {
        Map<ContactDetail, Failure> failing = new EnumMap<>(ContactDetail.class);
        failure(r, "phone", ContactDetail.PHONE, failing);
        failure(r, "email", ContactDetail.EMAIL, failing);
        failure(r, "wechat", ContactDetail.WECHAT, failing);
        return new Health(r.instant("registered_at"), r.instant("contact_confirmed_at"), failing);
    }

    private static void failure(Row r, String prefix, ContactDetail detail, Map<ContactDetail, Failure> failing) {
        Instant since = r.instant(prefix + "_failing_since");
        if (since != null) {
            failing.put(detail, new Failure(since, r.string(prefix + "_failure_code")));
        }
    }
}
