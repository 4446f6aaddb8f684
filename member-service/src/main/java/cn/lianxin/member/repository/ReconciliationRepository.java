package cn.lianxin.member.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.lianxin.platform.sql.Row;

/**
 * ID reconciliation across the tree (口袋党员, 空挂): one set-based query per kind of line over the subtree under
 * {@code :prefix}, whatever its size, and the two projections that feed the 空挂 line — REACHED contacts
 * (contact.events) and case files (case.events).
 */
@ApplicationScoped
public class ReconciliationRepository {

    /** The member a line is about: id, name, branch, the ID number masked as the register stores it. */
    public record MemberRow(UUID id, String name, UUID branchId, String branchName, String idNumberMasked) {
    }

    /** Duplicate hits of one holder from one acting org, with their common ancestor. */
    public record DuplicateRow(MemberRow member, UUID holderOrgId, String holderOrgName, UUID actingOrgId,
            String actingOrgName, UUID commonAncestorId, String commonAncestorName, long hits, Instant firstHitAt,
            Instant lastHitAt) {
    }

    /** A transfer letter whose receipt is overdue (M1). */
    public record TransferRow(MemberRow member, UUID transferId, UUID fromOrgId, String fromOrgName, UUID toOrgId,
            String toOrgName, String toExternalName, String toExternalRegion, boolean crossProvince, LocalDate issuedAt,
            String validity, LocalDate dueAt) {
    }

    /** A member nobody reached since {@code lastReachedAt} (null: never), registered at {@code registeredAt}. */
    public record AdriftRow(MemberRow member, Instant registeredAt, Instant lastReachedAt, boolean flowing) {
    }

    /** An open outflow whose report-in was not confirmed by its due day. */
    public record FlowRow(MemberRow member, UUID outflowId, String nature, LocalDate leftAt, LocalDate reportInDueAt,
            String destinationPlace, UUID receivingOrgId, String receivingOrgName) {
    }

    private static final String MEMBER_COLUMNS = """
            m.id AS member_id, m.name AS member_name, m.org_id AS branch_id, b.name AS branch_name, m.id_number_masked""";

    /**
     * Duplicate hits written by {@code :asOf} whose common ancestor lies in the subtree (who sees a hit, as the audit
     * does), grouped per holder and acting org; a hit whose holder has since moved to another org, left the register
     * or had the ID number corrected after it is settled. Hits recorded before their holder was kept (V5) stay listed
     * with the two orgs only.
     */
    private static final String DUPLICATES = """
            SELECT h.holder_member_id AS member_id, m.name AS member_name, m.org_id AS branch_id, b.name AS branch_name,
                   m.id_number_masked, h.holder_org_id, ho.name AS holder_org_name, h.acting_org_id,
                   ao.name AS acting_org_name, h.common_ancestor_id, ca.name AS ancestor_name, count(*) AS hits,
                   min(h.hit_at) AS first_hit_at, max(h.hit_at) AS last_hit_at
            FROM id_number_duplicate_hit h
            JOIN org ca ON ca.id = h.common_ancestor_id
            JOIN org ho ON ho.id = h.holder_org_id
            JOIN org ao ON ao.id = h.acting_org_id
            LEFT JOIN member m ON m.id = h.holder_member_id
            LEFT JOIN org b ON b.id = m.org_id
            WHERE ca.path LIKE :prefix AND h.hit_at <= :asOf
              AND (h.holder_member_id IS NULL
                   OR m.org_id = h.holder_org_id AND m.transferred_out_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM id_number_correction c
                                      WHERE c.member_id = m.id AND c.corrected_at > h.hit_at AND c.corrected_at <= :asOf))
            GROUP BY h.holder_member_id, m.name, m.org_id, b.name, m.id_number_masked, h.holder_org_id, ho.name,
                     h.acting_org_id, ao.name, h.common_ancestor_id, ca.name
            ORDER BY max(h.hit_at) DESC, h.holder_member_id, h.acting_org_id
            """;

    /** Letters from or to the subtree overdue by M1's own predicate ({@link ScanStatements#RECEIPT_OVERDUE}). */
    private static final String TRANSFERS = "SELECT " + MEMBER_COLUMNS + """
            , t.id AS transfer_id, t.from_org_id, fo.name AS from_org_name, t.to_org_id, tor.name AS to_org_name,
                   t.to_external_name, t.to_external_region, t.cross_province, t.issued_at, t.validity, t.due_at
            FROM transfer t
            JOIN member m ON m.id = t.member_id
            JOIN org b ON b.id = m.org_id
            JOIN org fo ON fo.id = t.from_org_id
            LEFT JOIN org tor ON tor.id = t.to_org_id
            WHERE (fo.path LIKE :prefix OR tor.path LIKE :prefix) AND""" + " " + ScanStatements.RECEIPT_OVERDUE + """

            ORDER BY t.due_at, t.id
            """;

    /**
     * 空挂: ACTIVE members of the subtree registered by {@code :asOf} whose last REACHED contact by then — a contact of
     * tracking-service or a report-in (报到, docs/domain.md §4b) — or, never reached, whose registration lies at or
     * before {@code :cutoff}, and who has no case open (a case file's state is known as of now only).
     */
    private static final String ADRIFT = "SELECT " + MEMBER_COLUMNS + """
            , m.registered_at, m.flowing, c.last_reached_at
            FROM member m
            JOIN org b ON b.id = m.org_id
            LEFT JOIN LATERAL (
                SELECT GREATEST(
                    (SELECT max(r.reached_at) FROM reached_contact r WHERE r.member_id = m.id AND r.reached_at <= :asOf),
                    (SELECT max(o.reported_in_at) FROM outflow o WHERE o.member_id = m.id AND o.reported_in_at <= :asOf)
                ) AS last_reached_at
            ) c ON true
            WHERE b.path LIKE :prefix AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
              AND m.registered_at <= :asOf
              AND COALESCE(c.last_reached_at, m.registered_at) <= :cutoff
              AND NOT EXISTS (SELECT 1 FROM member_case k WHERE k.member_id = m.id AND k.closed_at IS NULL)
            ORDER BY COALESCE(c.last_reached_at, m.registered_at), m.id
            """;

    /**
     * Open outflows of the subtree's members whose report-in is past its due day: M4's own predicate
     * ({@link ScanStatements#REPORT_IN_OVERDUE_WHERE}, {@code Handshake.overdue} over {@code outflow.report_in_due_at}).
     */
    private static final String FLOWS = "SELECT " + MEMBER_COLUMNS + """
            , o.id AS outflow_id, o.nature, o.left_at, o.report_in_due_at, o.destination_place, o.receiving_org_id,
                   COALESCE(ro.name, o.receiving_org_name) AS receiving_org_name
            FROM outflow o
            JOIN member m ON m.id = o.member_id
            JOIN org b ON b.id = m.org_id
            LEFT JOIN org ro ON ro.id = o.receiving_org_id
            WHERE b.path LIKE :prefix AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL AND""" + " "
            + ScanStatements.REPORT_IN_OVERDUE_WHERE + """

            ORDER BY o.report_in_due_at, o.id
            """;

    /** A REACHED contact as this projection keeps it. */
    public record ReachedContact(UUID contactId, UUID memberId, Instant reachedAt) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public ReconciliationRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public List<DuplicateRow> duplicates(String pathPrefix, Instant asOf) {
        return Row.list(em.createNativeQuery(DUPLICATES, Tuple.class).setParameter("prefix", pathPrefix + "%")
                .setParameter("asOf", asOf), r -> new DuplicateRow(memberOrNull(r), r.uuid("holder_org_id"),
                        r.string("holder_org_name"), r.uuid("acting_org_id"), r.string("acting_org_name"),
                        r.uuid("common_ancestor_id"), r.string("ancestor_name"), r.longValue("hits"),
                        r.instant("first_hit_at"), r.instant("last_hit_at")));
    }

    public List<TransferRow> transfers(String pathPrefix, LocalDate asOfDate) {
        return Row.list(em.createNativeQuery(TRANSFERS, Tuple.class).setParameter("prefix", pathPrefix + "%")
                .setParameter("asOfDate", asOfDate), r -> new TransferRow(member(r), r.uuid("transfer_id"),
                        r.uuid("from_org_id"), r.string("from_org_name"), r.uuid("to_org_id"), r.string("to_org_name"),
                        r.string("to_external_name"), r.string("to_external_region"),
                        Boolean.TRUE.equals(r.bool("cross_province")), r.localDate("issued_at"), r.string("validity"),
                        r.localDate("due_at")));
    }

    public List<AdriftRow> adrift(String pathPrefix, Instant asOf, Instant cutoff) {
        return Row.list(em.createNativeQuery(ADRIFT, Tuple.class).setParameter("prefix", pathPrefix + "%")
                .setParameter("asOf", asOf).setParameter("cutoff", cutoff), r -> new AdriftRow(member(r),
                        r.instant("registered_at"), r.instant("last_reached_at"), Boolean.TRUE.equals(r.bool("flowing"))));
    }

    public List<FlowRow> flows(String pathPrefix, LocalDate asOfDate) {
        return Row.list(em.createNativeQuery(FLOWS, Tuple.class).setParameter("prefix", pathPrefix + "%")
                .setParameter("asOfDate", asOfDate), r -> new FlowRow(member(r), r.uuid("outflow_id"), r.string("nature"),
                        r.localDate("left_at"), r.localDate("report_in_due_at"), r.string("destination_place"),
                        r.uuid("receiving_org_id"), r.string("receiving_org_name")));
    }

    /**
     * REACHED contacts (contact.events ContactRecorded), a run of them in one statement (a branch's contact sheet is
     * announced as hundreds at once); a contact already kept changes nothing.
     */
    public void insertReached(Collection<ReachedContact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        contacts.forEach(c -> rows.addObject().put("contact_id", c.contactId().toString())
                .put("member_id", c.memberId().toString()).put("reached_at", c.reachedAt().toString()));
        em.createNativeQuery("""
                INSERT INTO reached_contact (contact_id, member_id, reached_at)
                SELECT contact_id, member_id, reached_at
                FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(contact_id uuid, member_id uuid, reached_at timestamptz)
                ON CONFLICT (contact_id) DO NOTHING
                """).setParameter("rows", rows.toString()).executeUpdate();
    }

    /** A case opened, or reopened (re-loss: the same case open again), at {@code at}. */
    public void caseOpened(UUID caseId, UUID memberId, Instant at) {
        em.createNativeQuery("""
                INSERT INTO member_case (case_id, member_id, opened_at) VALUES (:case, :member, :at)
                ON CONFLICT (case_id) DO UPDATE SET closed_at = NULL
                """).setParameter("case", caseId).setParameter("member", memberId).setParameter("at", at)
                .executeUpdate();
    }

    /** A case closed at {@code at} (one this projection never saw open is kept as open and closed at that moment). */
    public void caseClosed(UUID caseId, UUID memberId, Instant at) {
        em.createNativeQuery("""
                INSERT INTO member_case (case_id, member_id, opened_at, closed_at) VALUES (:case, :member, :at, :at)
                ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at
                """).setParameter("case", caseId).setParameter("member", memberId).setParameter("at", at)
                .executeUpdate();
    }

    private static MemberRow member(Row r) {
        return new MemberRow(r.uuid("member_id"), r.string("member_name"), r.uuid("branch_id"), r.string("branch_name"),
                r.string("id_number_masked"));
    }

    private static MemberRow memberOrNull(Row r) {
        return r.uuid("member_id") == null || r.string("member_name") == null ? null : member(r);
    }
}
