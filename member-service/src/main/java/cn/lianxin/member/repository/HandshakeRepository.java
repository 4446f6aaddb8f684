package cn.lianxin.member.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import cn.lianxin.member.domain.Handshake;
import cn.lianxin.member.domain.Handshake.Kind;
import cn.lianxin.member.domain.Handshake.Side;
import cn.lianxin.member.domain.Handshake.State;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;

/**
 * The handshakes of outflows and transfers ({@link Handshake}) as both sides list them, and the audit of their
 * confirmations. The state is computed in SQL ({@link #STATE}) in step with {@link Handshake#state}.
 */
@ApplicationScoped
public class HandshakeRepository {

    /**
     * {@link Handshake#state} over a row {@code h} with {@code confirmed_at} and {@code due_at}, as of {@code :asOfDate}
     * with the escalation grace {@code :grace} (an ISO period). Kept in step by HandshakeRuleInStepTest.
     */
    static final String STATE = """
            CASE WHEN h.confirmed_at IS NOT NULL THEN 'CONFIRMED'
                 WHEN CAST(h.due_at + CAST(:grace AS interval) AS date) < :asOfDate THEN 'ESCALATED'
                 WHEN h.due_at < :asOfDate THEN 'OVERDUE'
                 ELSE 'AWAITING_CONFIRMATION' END""";

    /**
     * Every handshake: outflows still open or reported in (an outflow closed by the return without a report-in has
     * none any more), and transfer letters. The sending side of an outflow is the branch the member left from.
     */
    private static final String HANDSHAKES = """
            WITH h AS (
                SELECT 'OUTFLOW' AS kind, o.id, o.member_id, o.org_id AS sending_org_id, so.path AS sending_path,
                       o.receiving_org_id, ro.path AS receiving_path, COALESCE(ro.name, o.receiving_org_name) AS receiving_name,
                       o.left_at AS started_at, o.report_in_due_at AS due_at, o.reported_in_at AS confirmed_at
                FROM outflow o JOIN org so ON so.id = o.org_id LEFT JOIN org ro ON ro.id = o.receiving_org_id
                WHERE o.status <> 'RETURNED' OR o.reported_in_at IS NOT NULL
                UNION ALL
                SELECT 'TRANSFER', t.id, t.member_id, t.from_org_id, so.path,
                       t.to_org_id, ro.path, COALESCE(ro.name, t.to_external_name),
                       t.issued_at, t.due_at, t.received_at
                FROM transfer t JOIN org so ON so.id = t.from_org_id LEFT JOIN org ro ON ro.id = t.to_org_id
            ), listed AS (
                SELECT h.*, %s AS state FROM h
                WHERE (:side = 'ANY' AND (h.sending_path LIKE :prefix OR h.receiving_path LIKE :prefix))
                   OR (:side = 'SENDING' AND h.sending_path LIKE :prefix)
                   OR (:side = 'RECEIVING' AND h.receiving_path LIKE :prefix)
            )
            """.formatted(STATE);

    private final EntityManager em;

    public HandshakeRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The handshakes with a side in the subtree {@code pathPrefix} ({@code side} null: either side), in
     * {@code state} (null: any), as of {@code asOfDate}: the most overdue first.
     */
    public Page<Handshake.Entry> list(String pathPrefix, Side side, State state, LocalDate asOfDate, Period grace,
            PageRequest page) {
        String where = " FROM listed l JOIN member m ON m.id = l.member_id"
                + " WHERE (:state = 'ANY' OR l.state = :state)";
        long total = ((Number) bind(em.createNativeQuery(HANDSHAKES + "SELECT count(*)" + where), pathPrefix, side, state,
                asOfDate, grace).getSingleResult()).longValue();
        List<Handshake.Entry> items = Row.list(bind(em.createNativeQuery(HANDSHAKES + "SELECT l.*, m.name AS member_name"
                + where + " ORDER BY (l.confirmed_at IS NULL) DESC, l.due_at, l.id LIMIT :size OFFSET :offset", Tuple.class),
                pathPrefix, side, state, asOfDate, grace)
                .setParameter("size", page.size).setParameter("offset", page.offset()),
                r -> new Handshake.Entry(Kind.valueOf(r.string("kind")), r.uuid("id"), r.uuid("member_id"),
                        r.string("member_name"), r.uuid("sending_org_id"), r.uuid("receiving_org_id"),
                        r.string("receiving_name"), r.localDate("started_at"), r.localDate("due_at"),
                        r.instant("confirmed_at"), State.valueOf(r.string("state"))));
        return new Page<>(items, page.page, page.size, total);
    }

    /**
     * Audits a confirmation (报到 or 回执), noting whether a reminder (rule M1 for a transfer, M4 for an outflow) or the
     * escalation (M5) had gone out for it before.
     */
    public void recordConfirmation(Kind kind, UUID subjectId, UUID memberId, UUID sendingOrgId, UUID receivingOrgId,
            LocalDate dueAt, Instant confirmedAt, String confirmedBy, Instant recordedAt) {
        Query insert = em.createNativeQuery("""
                INSERT INTO handshake_confirmation (id, kind, subject_id, member_id, sending_org_id, receiving_org_id,
                    due_at, confirmed_at, confirmed_by, recorded_at, reminded, escalated)
                VALUES (:id, :kind, :subject, :member, :sending, :receiving, :dueAt, :confirmedAt, :confirmedBy, :recordedAt,
                    EXISTS (SELECT 1 FROM scan_finding f WHERE f.subject_id = :subject AND f.rule = :reminderRule),
                    EXISTS (SELECT 1 FROM scan_finding f WHERE f.subject_id = :subject AND f.rule = 'M5'))
                """.replace(":receiving", receivingOrgId == null ? "NULL" : ":receiving"));
        if (receivingOrgId != null) {
            insert.setParameter("receiving", receivingOrgId);
        }
        insert.setParameter("id", UUID.randomUUID())
                .setParameter("kind", kind.name())
                .setParameter("subject", subjectId)
                .setParameter("member", memberId)
                .setParameter("sending", sendingOrgId)
                .setParameter("dueAt", dueAt)
                .setParameter("confirmedAt", confirmedAt)
                .setParameter("confirmedBy", confirmedBy)
                .setParameter("recordedAt", recordedAt)
                .setParameter("reminderRule", kind == Kind.OUTFLOW ? "M4" : "M1")
                .executeUpdate();
    }

    private static Query bind(Query query, String pathPrefix, Side side, State state, LocalDate asOfDate, Period grace) {
        return query.setParameter("prefix", pathPrefix + "%")
                .setParameter("side", side == null ? "ANY" : side.name())
                .setParameter("state", state == null ? "ANY" : state.name())
                .setParameter("asOfDate", asOfDate)
                .setParameter("grace", grace.toString());
    }
}
