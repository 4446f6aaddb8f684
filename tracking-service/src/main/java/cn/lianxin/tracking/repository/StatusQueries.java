package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.tracking.domain.ClockRule;
import cn.lianxin.tracking.domain.ContactState;

/**
 * The clock read models that run as one statement over many members: the overdue work list and the compliance
 * figures of a subtree. Contact states come from {@link ContactState}'s SQL, generated from its one table.
 */
@ApplicationScoped
public class StatusQueries {

    /** Whose work list: members under {@code pathPrefix}, of one liaison when {@code liaison} is set. */
    public record WorkListScope(Instant asOf, String pathPrefix, String liaison, ContactState state) {
    }

    /** One member on the work list: the most urgent of their due clocks. */
    public record WorkListRow(UUID memberId, UUID orgId, ContactState state, ClockRule rule, Instant dueAt,
            Instant lastReachedAt, String liaisonName, String liaisonPhone) {
    }

    /** Members of an org's subtree by contact state; {@code whole} for the org itself, else one direct child. */
    public record StateCounts(UUID orgId, String name, boolean whole, long members, long inContact, long due,
            long overdue, long uncontrolled, long lost, long exempt, long selfWithdrawal) {
    }

    private final EntityManager em;

    public StatusQueries(EntityManager em) {
        this.em = em;
    }

    /** A page of the work list, most urgent first, longest overdue first. */
    public List<WorkListRow> workList(WorkListScope scope, int limit, int offset) {
        return bind(Sql.select(em, "SELECT w.member_id, w.org_id, w.urgency, w.rule, w.due_at, w.last_reached_at,"
                + " w.liaison_name, w.liaison_phone " + workListFrom() + " ORDER BY w.urgency, w.due_at, w.member_id"
                + " LIMIT :limit OFFSET :offset"), scope)
                .set("limit", limit, Integer.class).set("offset", offset, Integer.class)
                .rows(r -> new WorkListRow(r.uuid("member_id"), r.uuid("org_id"),
                        ContactState.ofUrgency(r.integer("urgency")), ClockRule.valueOf(r.string("rule")),
                        r.instant("due_at"), r.instant("last_reached_at"), r.string("liaison_name"),
                        r.string("liaison_phone")));
    }

    /** How many members the whole work list holds. */
    public long workListSize(WorkListScope scope) {
        return ((Number) bind(Sql.of(em, "SELECT count(*) " + workListFrom()), scope).single()).longValue();
    }

    private static String workListFrom() {
        return """
                FROM (SELECT DISTINCT ON (c.member_id) c.member_id, m.org_id, c.rule, c.due_at, m.last_reached_at,
                             m.liaison ->> 'name' AS liaison_name, m.liaison ->> 'phone' AS liaison_phone,
                             %s AS urgency
                      FROM clock c JOIN member m ON m.member_id = c.member_id
                      WHERE c.rule IN (%s) AND c.due_at <= :asOf
                        AND m.org_path LIKE :prefix AND (CAST(:liaison AS text) IS NULL OR m.liaison ->> 'memberId' = :liaison)
                      ORDER BY c.member_id, urgency, c.due_at, c.rule) w
                WHERE (CAST(:urgency AS int) IS NULL OR w.urgency = :urgency)
                """.formatted(ContactState.sqlUrgencyOfClock(), ContactState.sqlWorkListRules());
    }

    private static Sql bind(Sql sql, WorkListScope scope) {
        Integer urgency = scope.state() == null ? null : scope.state().urgency();
        return sql.set("asOf", scope.asOf()).set("prefix", scope.pathPrefix() + "%").set("liaison", scope.liaison())
                .set("urgency", urgency, Integer.class);
    }

    /** Counts as of {@code asOf} for {@code orgId}'s whole subtree first, then for each direct child's subtree by name. */
    public List<StateCounts> stateCounts(UUID orgId, Instant asOf) {
        return Sql.select(em, """
                WITH status AS (
                    SELECT m.member_id, m.org_path, %s AS state
                    FROM member m LEFT JOIN clock c ON c.member_id = m.member_id
                    WHERE m.org_path LIKE (SELECT path FROM org_projection WHERE org_id = :org) || '%%'
                    GROUP BY m.member_id, m.org_path, m.standing, m.in_register
                ), groups AS (
                    SELECT org_id, name, path, org_id = :org AS whole FROM org_projection
                    WHERE org_id = :org OR parent_id = :org
                )
                SELECT g.org_id, g.name, g.whole,
                       count(s.member_id) FILTER (WHERE s.state <> 'EXEMPT') AS members,
                       count(s.member_id) FILTER (WHERE s.state = 'IN_CONTACT') AS in_contact,
                       count(s.member_id) FILTER (WHERE s.state = 'DUE') AS due,
                       count(s.member_id) FILTER (WHERE s.state = 'OVERDUE') AS overdue,
                       count(s.member_id) FILTER (WHERE s.state = 'UNCONTROLLED') AS uncontrolled,
                       count(s.member_id) FILTER (WHERE s.state = 'LOST_SUSPECTED') AS lost,
                       count(s.member_id) FILTER (WHERE s.state = 'EXEMPT') AS exempt,
                       count(s.member_id) FILTER (WHERE s.state = 'SELF_WITHDRAWAL_SUSPECTED') AS self_withdrawal
                FROM groups g LEFT JOIN status s ON s.org_path LIKE g.path || '%%'
                GROUP BY g.org_id, g.name, g.whole
                ORDER BY g.whole DESC, g.name
                """.formatted(ContactState.sqlOfMember())).set("org", orgId).set("asOf", asOf)
                .rows(r -> new StateCounts(r.uuid("org_id"), r.string("name"), r.bool("whole"), r.longValue("members"),
                        r.longValue("in_contact"), r.longValue("due"), r.longValue("overdue"),
                        r.longValue("uncontrolled"), r.longValue("lost"), r.longValue("exempt"),
                        r.longValue("self_withdrawal")));
    }
}
