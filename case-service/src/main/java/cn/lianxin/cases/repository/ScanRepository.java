package cn.lianxin.cases.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.platform.sql.Row;

/**
 * The daily scan's statements (rules C1–C5, C7), set-based over the indexed due columns: each records its effect
 * under a unique key (case, episode, level / week / action / follow-up) and the timeline entry with it, and returns
 * what it newly recorded, so that a second scan for the same {@code asOf} changes and returns nothing. Each runs in
 * the caller's transaction; {@code now} stamps the rows changed, {@code actor} the timeline.
 */
@ApplicationScoped
public class ScanRepository {

    /** Calendar arithmetic in local time, as {@code ShanghaiCalendar.plus} does it. */
    private static final String PLUS = "((%s AT TIME ZONE 'Asia/Shanghai' + CAST(:%s AS interval)) AT TIME ZONE 'Asia/Shanghai')";

    /** A case moved one level up the ladder (C1 at level 1, C2 above). */
    public record Escalated(UUID caseId, UUID memberId, UUID orgId, int level, UUID fromOrgId, UUID toOrgId,
            String reason, Instant dueAt, Instant lastAttemptAt, Instant lostSince, boolean atRoot) {
    }

    /** A case due for its weekly re-check (C3). */
    public record RecheckDue(UUID caseId, UUID memberId, UUID orgId, UUID responsibleOrgId, int escalationLevel,
            Instant lastAttemptAt, Instant lostSince) {
    }

    /** A standing action proposed by the scan (C4, C5); {@code channels} for C4, {@code suspendedAt} for C5. */
    public record Proposed(UUID proposalId, UUID caseId, String action, UUID memberId, UUID orgId, String orgPath,
            Instant lostSince, List<SearchChannel> channels, Instant suspendedAt) {
    }

    /** A follow-up newly noticed as due or missed (C7), the {@code no}-th of a plan of {@code planSize}. */
    public record FollowUpNotice(UUID caseId, int no, String cadence, Instant dueAt, UUID memberId, UUID orgId,
            int planSize) {
    }

    private final EntityManager em;

    public ScanRepository(EntityManager em) {
        this.em = em;
    }

    /** C1/C2: every case whose escalation is due moves one level up (one level per call). */
    public List<Escalated> escalate(Instant asOf, Instant now, String actor, Period interval) {
        return Row.list(query("""
                WITH due AS (
                    SELECT c.id, c.episode, c.escalation_level + 1 AS level, c.escalation_due_at,
                           string_to_array(trim(both '/' from c.org_path), '/') AS path
                    FROM case_file c
                    WHERE c.escalation_due_at <= :asOf AND c.state IN ('OPEN', 'SUSPENSION_PROPOSED')
                      AND c.escalation_level < cardinality(string_to_array(trim(both '/' from c.org_path), '/')) - 1
                ), ins AS (
                    INSERT INTO case_escalation (case_id, episode, level, from_org_id, to_org_id, reason, due_at, as_of)
                    SELECT id, episode, level, CAST(path[cardinality(path) - level + 1] AS uuid),
                           CAST(path[cardinality(path) - level] AS uuid),
                           CASE WHEN level = 1 THEN 'VERIFICATION_OVERDUE' ELSE 'NO_NEW_ATTEMPT' END,
                           escalation_due_at, :asOf
                    FROM due
                    ON CONFLICT DO NOTHING
                    RETURNING case_id, level, from_org_id, to_org_id, reason, due_at
                ), moved AS (
                    UPDATE case_file c SET escalation_level = ins.level, responsible_org_id = ins.to_org_id,
                           escalation_due_at = CASE WHEN due.level >= cardinality(due.path) - 1 THEN NULL
                                                    ELSE %s END,
                           updated_at = :now
                    FROM ins JOIN due ON due.id = ins.case_id
                    WHERE c.id = ins.case_id
                    RETURNING c.id, c.member_id, c.org_id, ins.level, ins.from_org_id, ins.to_org_id, ins.reason,
                              ins.due_at, c.last_attempt_at, c.lost_since, due.level >= cardinality(due.path) - 1 AS at_root
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), id, :asOf, :actor, 'ESCALATED',
                           'level ' || level || ' to ' || to_org_id || ' (' || reason || ')'
                    FROM moved
                )
                SELECT * FROM moved
                """.formatted(plus("ins.due_at", "interval")), asOf, now, actor)
                .setParameter("interval", interval.toString()),
                r -> new Escalated(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"), r.integer("level"),
                        r.uuid("from_org_id"), r.uuid("to_org_id"), r.string("reason"), r.instant("due_at"),
                        r.instant("last_attempt_at"), r.instant("lost_since"), r.bool("at_root")));
    }

    /** C3: no attempt within {@code recheck} → one reminder per case and week. */
    public List<RecheckDue> recheck(Instant asOf, Instant now, String actor, LocalDate weekOf, Period recheck) {
        return Row.list(query("""
                WITH ins AS (
                    INSERT INTO case_recheck (case_id, week_of, as_of)
                    SELECT c.id, :weekOf, :asOf FROM case_file c
                    WHERE c.state IN ('OPEN', 'SUSPENSION_PROPOSED') AND %s <= :asOf
                    ON CONFLICT DO NOTHING
                    RETURNING case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'RECHECK_DUE', 'week of ' || :weekOf FROM ins
                )
                SELECT c.id, c.member_id, c.org_id, c.responsible_org_id, c.escalation_level, c.last_attempt_at,
                       c.lost_since
                FROM ins JOIN case_file c ON c.id = ins.case_id
                """.formatted(plus("coalesce(c.last_attempt_at, c.opened_at)", "recheck")), asOf, now, actor)
                .setParameter("weekOf", weekOf)
                .setParameter("recheck", recheck.toString()),
                r -> new RecheckDue(r.uuid("id"), r.uuid("member_id"), r.uuid("org_id"), r.uuid("responsible_org_id"),
                        r.integer("escalation_level"), r.instant("last_attempt_at"), r.instant("lost_since")));
    }

    /**
     * C4: a case in {@code from}, lost {@code after} with at least {@code minChannels} distinct channels tried, one of
     * them among {@code fieldVisits}, moves to {@code to} with a proposal: {@code probationAction} for a probationary
     * member, {@code fullAction} otherwise.
     */
    public List<Proposed> proposeSuspension(Instant asOf, Instant now, String actor, Period after, int minChannels,
            String fieldVisits, String probationAction, String fullAction, CaseState from, CaseState to) {
        return Row.list(query("""
                WITH candidates AS (
                    SELECT c.id, c.episode, c.member_id, c.org_id, c.org_path, c.lost_since,
                           coalesce(m.category, 'FULL') AS category,
                           array(SELECT DISTINCT a.channel FROM search_attempt a
                                 WHERE a.case_id = c.id AND a.episode = c.episode ORDER BY 1) AS channels
                    FROM case_file c LEFT JOIN member_projection m ON m.member_id = c.member_id
                    WHERE c.state = :from AND %s <= :asOf
                ), eligible AS (
                    SELECT * FROM candidates
                    WHERE cardinality(channels) >= :minChannels
                      AND channels && string_to_array(:fieldVisits, ',')
                ), ins AS (
                    INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                    SELECT gen_random_uuid(), id, episode,
                           CASE WHEN category = 'PROBATIONARY' THEN :probationAction ELSE :fullAction END, :asOf
                    FROM eligible
                    ON CONFLICT DO NOTHING
                    RETURNING id, case_id, action
                ), moved AS (
                    UPDATE case_file c SET state = :to, updated_at = :now
                    FROM ins WHERE c.id = ins.case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'PROPOSED', action || ' (rule C4)' FROM ins
                )
                SELECT ins.id, ins.case_id, ins.action, e.member_id, e.org_id, e.org_path, e.lost_since,
                       array_to_string(e.channels, ',') AS channels
                FROM ins JOIN eligible e ON e.id = ins.case_id
                """.formatted(plus("c.lost_since", "after")), asOf, now, actor)
                .setParameter("after", after.toString())
                .setParameter("minChannels", minChannels)
                .setParameter("fieldVisits", fieldVisits)
                .setParameter("probationAction", probationAction)
                .setParameter("fullAction", fullAction)
                .setParameter("from", from.name())
                .setParameter("to", to.name()),
                r -> new Proposed(r.uuid("id"), r.uuid("case_id"), r.string("action"), r.uuid("member_id"),
                        r.uuid("org_id"), r.string("org_path"), r.instant("lost_since"),
                        Arrays.stream(r.string("channels").split(",")).map(SearchChannel::valueOf).sorted().toList(),
                        null));
    }

    /** C5: a case in {@code from}, suspended {@code after} ago, moves to {@code to} with a REMOVE proposal. */
    public List<Proposed> proposeRemoval(Instant asOf, Instant now, String actor, Period after, CaseState from,
            CaseState to) {
        return Row.list(query("""
                WITH ins AS (
                    INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                    SELECT gen_random_uuid(), c.id, c.episode, 'REMOVE', :asOf FROM case_file c
                    WHERE c.state = :from AND %s <= :asOf
                    ON CONFLICT DO NOTHING
                    RETURNING id, case_id
                ), moved AS (
                    UPDATE case_file c SET state = :to, updated_at = :now
                    FROM ins WHERE c.id = ins.case_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, 'PROPOSED', 'REMOVE (rule C5)' FROM ins
                )
                SELECT ins.id AS proposal_id, c.id AS case_id, c.member_id, c.org_id, c.org_path, c.suspended_at
                FROM ins JOIN case_file c ON c.id = ins.case_id
                """.formatted(plus("c.suspended_at", "after")), asOf, now, actor)
                .setParameter("after", after.toString())
                .setParameter("from", from.name())
                .setParameter("to", to.name()),
                r -> new Proposed(r.uuid("proposal_id"), r.uuid("case_id"), "REMOVE", r.uuid("member_id"),
                        r.uuid("org_id"), r.string("org_path"), null, null, r.instant("suspended_at")));
    }

    /** C7: follow-ups come due (once per follow-up), on the timeline as FOLLOW_UP_DUE. */
    public List<FollowUpNotice> followUpsDue(Instant asOf, Instant now, String actor) {
        return followUpNotices(asOf, now, actor, "due_notified_at", "f.due_at", "FOLLOW_UP_DUE", null);
    }

    /** C7: follow-ups not recorded within {@code grace} after they were due (once per follow-up): FOLLOW_UP_MISSED. */
    public List<FollowUpNotice> followUpsMissed(Instant asOf, Instant now, String actor, Period grace) {
        return followUpNotices(asOf, now, actor, "missed_notified_at", plus("f.due_at", "grace"), "FOLLOW_UP_MISSED",
                grace);
    }

    private List<FollowUpNotice> followUpNotices(Instant asOf, Instant now, String actor, String column,
            String dueExpression, String kind, Period grace) {
        Query query = query("""
                WITH marked AS (
                    UPDATE follow_up f SET %1$s = :asOf
                    FROM case_file c
                    WHERE c.id = f.case_id AND c.episode = f.episode AND c.state = 'FOLLOW_UP'
                      AND f.done_at IS NULL AND f.%1$s IS NULL AND %2$s <= :asOf
                    RETURNING f.case_id, f.episode, f.no, f.cadence, f.due_at, c.member_id, c.org_id
                ), logged AS (
                    INSERT INTO case_timeline (id, case_id, at, actor, kind, detail)
                    SELECT gen_random_uuid(), case_id, :asOf, :actor, '%3$s', 'follow-up ' || no || ' due ' || due_at
                    FROM marked
                )
                SELECT m.case_id, m.no, m.cadence, m.due_at, m.member_id, m.org_id,
                       (SELECT count(*) FROM follow_up p WHERE p.case_id = m.case_id AND p.episode = m.episode) AS plan_size
                FROM marked m
                """.formatted(column, dueExpression, kind), asOf, now, actor);
        if (grace != null) {
            query.setParameter("grace", grace.toString());
        }
        return Row.list(query, r -> new FollowUpNotice(r.uuid("case_id"), r.integer("no"), r.string("cadence"),
                r.instant("due_at"), r.uuid("member_id"), r.uuid("org_id"), r.integer("plan_size")));
    }

    private Query query(String sql, Instant asOf, Instant now, String actor) {
        Query query = em.createNativeQuery(sql, Tuple.class).setParameter("asOf", asOf);
        if (sql.contains(":now")) {
            query.setParameter("now", now);
        }
        if (sql.contains(":actor")) {
            query.setParameter("actor", actor);
        }
        return query;
    }

    private static String plus(String expression, String parameter) {
        return PLUS.formatted(expression, parameter);
    }
}
