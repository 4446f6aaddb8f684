package cn.lianxin.member.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import cn.lianxin.member.domain.AuditLog.ContactConfirmation;
import cn.lianxin.member.domain.AuditLog.DuplicateHit;
import cn.lianxin.member.domain.AuditLog.HandshakeConfirmation;
import cn.lianxin.member.domain.AuditLog.IdNumberCorrection;
import cn.lianxin.member.domain.AuditLog.IdNumberReveal;
import cn.lianxin.member.domain.AuditLog.StandingChangeEntry;
import cn.lianxin.member.domain.CommonAncestor;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;
import cn.lianxin.platform.sql.SqlValues;

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

    /** A hit: the holding member and org (the reconciliation report names them), never the number. */
    public void insertHit(String caller, Instant at, UUID holderMember, UUID holderOrg, UUID actingOrg) {
        UUID ancestor = CommonAncestor.of(pathIds(holderOrg), pathIds(actingOrg)).orElse(null);
        em.createNativeQuery("""
                INSERT INTO id_number_duplicate_hit (id, caller, hit_at, holder_member_id, holder_org_id, acting_org_id,
                    common_ancestor_id)
                VALUES (:id, :caller, :at, :holderMember, :holder, :acting, :ancestor)
                """).setParameter("id", UUID.randomUUID()).setParameter("caller", caller).setParameter("at", at)
                .setParameter("holderMember", holderMember).setParameter("holder", holderOrg).setParameter("acting", actingOrg).setParameter("ancestor", ancestor)
                .executeUpdate();
    }

    /** A full ID number shown: who asked, when and why — never the number. */
    public void insertReveal(UUID member, String revealedBy, Instant at, String reason) {
        insertIdNumberEntry("""
                INSERT INTO id_number_reveal (id, member_id, revealed_by, revealed_at, reason)
                VALUES (:id, :member, :by, :at, :reason)
                """, member, revealedBy, at, reason);
    }

    /** An ID number corrected: who, when and why — never the number. */
    public void insertCorrection(UUID member, String correctedBy, Instant at, String reason) {
        insertIdNumberEntry("""
                INSERT INTO id_number_correction (id, member_id, corrected_by, corrected_at, reason)
                VALUES (:id, :member, :by, :at, :reason)
                """, member, correctedBy, at, reason);
    }

    private void insertIdNumberEntry(String insert, UUID member, String by, Instant at, String reason) {
        em.createNativeQuery(insert)
                .setParameter("id", UUID.randomUUID())
                .setParameter("member", member)
                .setParameter("by", by)
                .setParameter("at", at)
                .setParameter("reason", reason)
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
        return SqlValues.instant(em.createNativeQuery("""
                SELECT hit_at FROM id_number_duplicate_hit WHERE caller = :caller AND hit_at > :since AND hit_at <= :now
                ORDER BY hit_at OFFSET :index LIMIT 1
                """).setParameter("caller", caller).setParameter("since", since).setParameter("now", now)
                .setParameter("index", index).getSingleResult());
    }

    public Page<IdNumberReveal> reveals(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_reveal e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.revealed_at >= :from AND e.revealed_at < :to
                """, "e.id, e.member_id, m.org_id, e.revealed_by, e.revealed_at, e.reason", "e.revealed_at", filter, page,
                r -> new IdNumberReveal(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"), r.string("revealed_by"),
                        r.instant("revealed_at"), r.string("reason")));
    }

    public Page<IdNumberCorrection> corrections(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_correction e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.corrected_at >= :from AND e.corrected_at < :to
                """, "e.id, e.member_id, m.org_id, e.corrected_by, e.corrected_at, e.reason", "e.corrected_at", filter, page,
                r -> new IdNumberCorrection(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"), r.string("corrected_by"),
                        r.instant("corrected_at"), r.string("reason")));
    }

    public Page<StandingChangeEntry> standingChanges(Filter filter, PageRequest page) {
        return page("""
                FROM standing_change e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.recorded_at >= :from AND e.recorded_at < :to
                """, "e.id, e.member_id, m.org_id, e.from_standing, e.to_standing, e.reason, e.decision_ref, e.approval_ref,"
                        + " e.case_id, e.effective_at, e.recorded_at, e.recorded_by", "e.recorded_at", filter, page,
                r -> new StandingChangeEntry(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"),
                        r.string("from_standing"), r.string("to_standing"), r.string("reason"), r.string("decision_ref"),
                        r.string("approval_ref"), r.uuid("case_id"), r.instant("effective_at"), r.instant("recorded_at"),
                        r.string("recorded_by")));
    }

    public Page<ContactConfirmation> contactConfirmations(Filter filter, PageRequest page) {
        return page("""
                FROM contact_confirmation e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND e.confirmed_at >= :from AND e.confirmed_at < :to
                """, "e.id, e.member_id, m.org_id, e.confirmed_by, e.confirmed_at, array_to_string(e.cleared, ',') AS cleared",
                "e.confirmed_at", filter, page,
                r -> new ContactConfirmation(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"), r.string("confirmed_by"),
                        r.instant("confirmed_at"), r.string("cleared") == null || r.string("cleared").isEmpty() ? List.of()
                                : List.of(r.string("cleared").split(","))));
    }

    /** Confirmations with either side in the subtree. */
    public Page<HandshakeConfirmation> handshakeConfirmations(Filter filter, PageRequest page) {
        return page("""
                FROM handshake_confirmation e JOIN org so ON so.id = e.sending_org_id
                    LEFT JOIN org ro ON ro.id = e.receiving_org_id
                WHERE (so.path LIKE :prefix OR ro.path LIKE :prefix) AND e.recorded_at >= :from AND e.recorded_at < :to
                """, "e.id, e.kind, e.subject_id, e.member_id, e.sending_org_id, e.receiving_org_id, e.due_at, "
                + "e.confirmed_at, e.confirmed_by, e.recorded_at, e.reminded, e.escalated", "e.recorded_at", filter, page,
                r -> new HandshakeConfirmation(r.uuid("id"), r.string("kind"), r.uuid("subject_id"), r.uuid("member_id"),
                        r.uuid("sending_org_id"), r.uuid("receiving_org_id"), r.localDate("due_at"),
                        r.instant("confirmed_at"), r.string("confirmed_by"), r.instant("recorded_at"), r.bool("reminded"),
                        r.bool("escalated")));
    }

    public Page<DuplicateHit> duplicateHits(Filter filter, PageRequest page) {
        return page("""
                FROM id_number_duplicate_hit e JOIN org o ON o.id = e.common_ancestor_id
                WHERE o.path LIKE :prefix AND e.hit_at >= :from AND e.hit_at < :to
                """, "e.id, e.caller, e.hit_at, e.holder_org_id, e.acting_org_id, e.common_ancestor_id", "e.hit_at", filter,
                page, r -> new DuplicateHit(r.uuid("id"), r.string("caller"), r.instant("hit_at"), r.uuid("holder_org_id"),
                        r.uuid("acting_org_id"), r.uuid("common_ancestor_id")));
    }

    private <T> Page<T> page(String from, String columns, String time, Filter filter, PageRequest page,
            Function<Row, T> row) {
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*) " + from), filter).getSingleResult()).longValue();
        List<T> items = Row.list(bind(em.createNativeQuery("SELECT " + columns + " " + from + " ORDER BY " + time
                + " DESC, e.id DESC", Tuple.class), filter).setFirstResult(page.offset()).setMaxResults(page.size), row);
        return new Page<>(items, page.page, page.size, total);
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
}
