package cn.lianxin.member.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import cn.lianxin.member.domain.CommonAncestor;
import cn.lianxin.member.rest.AuditDtos.DuplicateHit;
import cn.lianxin.member.rest.AuditDtos.IdNumberCorrection;
import cn.lianxin.member.rest.AuditDtos.IdNumberReveal;
import cn.lianxin.member.rest.AuditDtos.StandingChangeEntry;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;

/**
 * The audit logs: duplicate ID-number hits written here, and every log read back per subtree and time range, newest
 * first. A reveal, a correction or a standing change belongs to the org its member belongs to now; a duplicate hit to
 * the common ancestor of the two orgs.
 */
@ApplicationScoped
public class AuditRepository {

    /** Which entries: those of the subtree under {@code pathPrefix}, written at or after {@code from}, before {@code to}. */
    public record Filter(String pathPrefix, Instant from, Instant to) {
    }

    private final EntityManager em;
    private final OrgRepository orgs;

    public AuditRepository(EntityManager em, OrgRepository orgs) {
        this.em = em;
        this.orgs = orgs;
    }

    public void insertHit(String caller, Instant at, UUID holderOrg, UUID actingOrg) {
        UUID ancestor = CommonAncestor.of(pathIds(holderOrg), pathIds(actingOrg)).orElse(null);
        em.createNativeQuery("""
                INSERT INTO id_number_duplicate_hit (id, caller, hit_at, holder_org_id, acting_org_id, common_ancestor_id)
                VALUES (:id, :caller, :at, :holder, :acting, :ancestor)
                """).setParameter("id", UUID.randomUUID()).setParameter("caller", caller).setParameter("at", at)
                .setParameter("holder", holderOrg).setParameter("acting", actingOrg).setParameter("ancestor", ancestor)
                .executeUpdate();
    }

    /** The caller's hits in {@code (since, now]}. */
    public long hitsSince(String caller, Instant since, Instant now) {
        return ((Number) em.createNativeQuery("""
                SELECT count(*) FROM id_number_duplicate_hit WHERE caller = :caller AND hit_at > :since AND hit_at <= :now
                """).setParameter("caller", caller).setParameter("since", since).setParameter("now", now)
                .getSingleResult()).longValue();
    }

    /** The time of the caller's {@code index}-th hit (0: the oldest) in {@code (since, now]}. */
    public Instant hitAt(String caller, Instant since, Instant now, long index) {
        return (Instant) em.createNativeQuery("""
                SELECT hit_at FROM id_number_duplicate_hit WHERE caller = :caller AND hit_at > :since AND hit_at <= :now
                ORDER BY hit_at OFFSET :index LIMIT 1
                """, Instant.class).setParameter("caller", caller).setParameter("since", since).setParameter("now", now)
                .setParameter("index", index).getSingleResult();
    }

    public Page<IdNumberReveal> reveals(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_reveal e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.revealed_at >= :from AND e.revealed_at < :to
                """, "e.id, e.member_id, m.org_id, e.revealed_by, e.revealed_at, e.reason", "e.revealed_at", filter, page,
                r -> new IdNumberReveal((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], instant(r[4]), (String) r[5]));
    }

    public Page<IdNumberCorrection> corrections(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_correction e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.corrected_at >= :from AND e.corrected_at < :to
                """, "e.id, e.member_id, m.org_id, e.corrected_by, e.corrected_at, e.reason", "e.corrected_at", filter, page,
                r -> new IdNumberCorrection((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], instant(r[4]), (String) r[5]));
    }

    public Page<StandingChangeEntry> standingChanges(Filter filter, PageRequest page) {
        return page("""
                FROM standing_change e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.recorded_at >= :from AND e.recorded_at < :to
                """, "e.id, e.member_id, m.org_id, e.from_standing, e.to_standing, e.reason, e.decision_ref, e.approval_ref,"
                        + " e.case_id, e.effective_at, e.recorded_at, e.recorded_by", "e.recorded_at", filter, page,
                r -> new StandingChangeEntry((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], (String) r[7], (UUID) r[8], instant(r[9]), instant(r[10]),
                        (String) r[11]));
    }

    public Page<DuplicateHit> duplicateHits(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_duplicate_hit e JOIN org o ON o.id = e.common_ancestor_id
                WHERE o.path LIKE :prefix AND e.hit_at >= :from AND e.hit_at < :to
                """, "e.id, e.caller, e.hit_at, e.holder_org_id, e.acting_org_id, e.common_ancestor_id", "e.hit_at", filter,
                page, r -> new DuplicateHit((UUID) r[0], (String) r[1], instant(r[2]), (UUID) r[3], (UUID) r[4], (UUID) r[5]));
    }

    private <T> Page<T> page(String from, String columns, String time, Filter filter, PageRequest page,
            Function<Object[], T> row) {
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*) " + from), filter).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("SELECT " + columns + " " + from + " ORDER BY " + time
                + " DESC, e.id DESC"), filter).setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(rows.stream().map(row).toList(), page.page, page.size, total);
    }

    private static Query bind(Query query, Filter filter) {
        return query.setParameter("prefix", filter.pathPrefix() + "%").setParameter("from", filter.from())
                .setParameter("to", filter.to());
    }

    private List<UUID> pathIds(UUID orgId) {
        return orgs.pathOf(orgId).map(AuditRepository::ids).orElse(List.of(orgId));
    }

    private static List<UUID> ids(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(UUID::fromString).toList();
    }

    /** Native queries answer timestamptz as OffsetDateTime or Timestamp, depending on the driver's mapping. */
    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
