package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * What the loss-risk score is computed from, for many members at once: one query for the members in scope, one for
 * all their facts (the latest days with a REACHED contact, NOT_REACHED contacts, refused deliveries, case openings,
 * missed follow-ups, the open case), however many members. The score itself is the domain's {@code LossRisk}.
 */
@ApplicationScoped
public class RiskRepository {

    /** Whose scores: the ACTIVE members in the register under {@code pathPrefix} (of one liaison, or one member). */
    public record RiskScope(Instant asOf, String pathPrefix, String liaison, UUID member) {
    }

    /** Where each kind of fact starts counting (the signals' windows) and how many REACHED days the rhythm needs. */
    public record FactWindows(int reachedDays, Instant notReachedSince, Instant failedDeliveriesSince,
            Instant missedFollowUpsSince) {
    }

    /** A member in scope, with what the projection knows of their outflow and transfer. */
    public record RiskMember(UUID memberId, UUID orgId, String name, Instant registeredAt, Instant restartedAt,
            boolean flowing, LocalDate leftAt, Instant reportedInAt, LocalDate transferIssuedOn, LocalDate transferReceiptDueOn,
            Instant contactUnconfirmedSince, String liaisonName, String liaisonPhone) {
    }

    /** The kinds of fact a signal is read from. */
    public enum FactKind {
        REACHED, NOT_REACHED, DELIVERY_FAILED, LOSS, FOLLOW_UP_MISSED, OPEN_CASE
    }

    /** One fact about a member; {@code channel} for contacts and deliveries. */
    public record RiskFact(UUID memberId, FactKind kind, Instant at, String channel) {
    }

    private static final String IN_SCOPE = """
            m.org_path LIKE :prefix AND m.standing = 'ACTIVE' AND m.in_register AND m.registered_at <= :asOf
            AND (CAST(:liaison AS text) IS NULL OR m.liaison ->> 'memberId' = :liaison)
            AND (CAST(:member AS uuid) IS NULL OR m.member_id = :member)
            """;

    private final EntityManager em;

    public RiskRepository(EntityManager em) {
        this.em = em;
    }

    public List<RiskMember> members(RiskScope scope) {
        return bind(Sql.select(em, """
                SELECT m.member_id, m.org_id, m.name, m.registered_at, m.restarted_at, m.outflow_id IS NOT NULL AS flowing,
                       m.left_at, m.reported_in_at, m.transfer_issued_on, m.transfer_receipt_due_on,
                       m.contact_unconfirmed_since, m.liaison ->> 'name' AS liaison_name,
                       m.liaison ->> 'phone' AS liaison_phone
                FROM member m WHERE\s""" + IN_SCOPE), scope)
                .rows(r -> new RiskMember(r.uuid("member_id"), r.uuid("org_id"), r.string("name"),
                        r.instant("registered_at"), r.instant("restarted_at"), r.bool("flowing"), r.localDate("left_at"),
                        r.instant("reported_in_at"), r.localDate("transfer_issued_on"),
                        r.localDate("transfer_receipt_due_on"), r.instant("contact_unconfirmed_since"),
                        r.string("liaison_name"), r.string("liaison_phone")));
    }

    /** The facts of every member in scope, recorded up to {@code asOf}. */
    public List<RiskFact> facts(RiskScope scope, FactWindows windows) {
        return bind(Sql.select(em, """
                WITH scope AS (SELECT m.member_id FROM member m WHERE\s""" + IN_SCOPE + """
                ), reached_days AS (
                    SELECT c.member_id, max(c.at) AS at,
                           row_number() OVER (PARTITION BY c.member_id
                                              ORDER BY (c.at AT TIME ZONE 'Asia/Shanghai')::date DESC) AS n
                    FROM contact c JOIN scope s ON s.member_id = c.member_id
                    WHERE c.outcome = 'REACHED' AND c.at <= :asOf
                    GROUP BY c.member_id, (c.at AT TIME ZONE 'Asia/Shanghai')::date
                )
                SELECT member_id, 'REACHED' AS kind, at, CAST(NULL AS text) AS channel FROM reached_days WHERE n <= :days
                UNION ALL
                SELECT c.member_id, 'NOT_REACHED', c.at, c.channel FROM contact c JOIN scope s ON s.member_id = c.member_id
                WHERE c.outcome = 'NOT_REACHED' AND c.at >= :notReachedSince AND c.at <= :asOf
                UNION ALL
                SELECT d.member_id, 'DELIVERY_FAILED', d.failed_at, d.channel
                FROM delivery_failure d JOIN scope s ON s.member_id = d.member_id
                WHERE d.failed_at >= :deliveriesSince AND d.failed_at <= :asOf
                UNION ALL
                SELECT l.member_id, 'LOSS', l.opened_at, NULL FROM case_loss l JOIN scope s ON s.member_id = l.member_id
                WHERE l.opened_at <= :asOf
                UNION ALL
                SELECT f.member_id, 'FOLLOW_UP_MISSED', f.due_at, NULL
                FROM follow_up_missed f JOIN scope s ON s.member_id = f.member_id
                WHERE f.due_at >= :followUpsSince AND f.due_at <= :asOf
                UNION ALL
                SELECT c.member_id, 'OPEN_CASE', c.opened_at, NULL FROM member_case c JOIN scope s ON s.member_id = c.member_id
                WHERE c.opened_at <= :asOf AND (c.closed_at IS NULL OR c.closed_at > :asOf)
                """), scope)
                .set("days", windows.reachedDays(), Integer.class).set("notReachedSince", windows.notReachedSince())
                .set("deliveriesSince", windows.failedDeliveriesSince())
                .set("followUpsSince", windows.missedFollowUpsSince())
                .rows(r -> new RiskFact(r.uuid("member_id"), FactKind.valueOf(r.string("kind")), r.instant("at"),
                        r.string("channel")));
    }

    /** NotificationFailed to the member, their address refused: kept once per notification. */
    public void deliveryFailed(UUID notificationId, UUID memberId, String channel, Instant failedAt) {
        Sql.of(em, """
                INSERT INTO delivery_failure (notification_id, member_id, channel, failed_at)
                VALUES (:id, :member, :channel, :at) ON CONFLICT (notification_id) DO NOTHING
                """).set("id", notificationId).set("member", memberId).set("channel", channel).set("at", failedAt)
                .update();
    }

    /**
     * ContactVerificationDue: the member's contact details are unconfirmed since {@code since} — unless they were
     * confirmed at or after it (a late event of an earlier crossing). Answers how many members it changed (0 when the
     * member is not registered here, or confirmed since).
     */
    public int contactUnconfirmed(UUID memberId, Instant since) {
        return Sql.of(em, """
                UPDATE member SET contact_unconfirmed_since = :since
                WHERE member_id = :id AND (contact_confirmed_at IS NULL OR contact_confirmed_at < :since)
                """).set("id", memberId).set("since", since).update();
    }

    /**
     * ContactDetailsConfirmed: the details were confirmed at {@code confirmedAt}; an unconfirmed-since not after it is
     * over. The latest confirmation is kept, so that the two events may be applied in any order.
     */
    public int contactConfirmed(UUID memberId, Instant confirmedAt) {
        return Sql.of(em, """
                UPDATE member SET contact_confirmed_at = GREATEST(contact_confirmed_at, :at),
                    contact_unconfirmed_since = CASE WHEN contact_unconfirmed_since <= :at THEN NULL
                                                     ELSE contact_unconfirmed_since END
                WHERE member_id = :id
                """).set("id", memberId).set("at", confirmedAt).update();
    }

    private static Sql bind(Sql sql, RiskScope scope) {
        return sql.set("asOf", scope.asOf()).set("prefix", scope.pathPrefix() + "%").set("liaison", scope.liaison())
                .set("member", scope.member());
    }
}
