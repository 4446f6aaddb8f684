package cn.lianxin.cases.repository;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.platform.sql.Row;

/**
 * What the monthly report (每月一上报, rule C8) counts, per branch (keyed by the branch's org path): set-based
 * queries over the case timeline and the register projection, under an org path prefix.
 */
@ApplicationScoped
public class ReportRepository {

    /** An org of the subtree, from the org projection. */
    public record Org(UUID orgId, String name, String type, String path, UUID parentId) {
    }

    /** Members in good standing (ACTIVE) of one branch. */
    public record ActiveMembers(String orgPath, long members) {
    }

    /** What the timeline of one branch's cases says happened in the month. */
    public record MonthEvents(String orgPath, long newlyLost, long found, long reintegrated, long disposed,
            long suspended, long removed, long reLost, long deceased, long withdrawn, long expelled) {
    }

    /** Cases (re)opened in the month, per branch and situation. */
    public record Openings(String orgPath, LossSituation situation, long count) {
    }

    /**
     * A case missing at the month's start or (re)opened in it: whether it was missing at the start and at the end
     * (its last opening, finding or closing before then was an opening), and when its search ended in the month.
     */
    public record MissingCase(String orgPath, Instant lostSince, boolean missingAtStart, boolean missingAtEnd,
            Instant ended, LossSituation situation) {
    }

    private final EntityManager em;

    public ReportRepository(EntityManager em) {
        this.em = em;
    }

    /** The orgs whose path starts with {@code prefix} (the org itself included), by path. */
    public List<Org> orgsUnder(String prefix) {
        return Row.list(em.createNativeQuery("""
                SELECT org_id, name, type, path, parent_id FROM org_projection WHERE path LIKE :prefix ORDER BY path
                """, Tuple.class).setParameter("prefix", prefix + "%"),
                r -> new Org(r.uuid("org_id"), r.string("name"), r.string("type"), r.string("path"), r.uuid("parent_id")));
    }

    /** Marks the month's report of every committee and general branch published, once: the orgs newly marked. */
    @SuppressWarnings("unchecked")
    public List<UUID> markPublished(YearMonth month, Instant now) {
        return em.createNativeQuery("""
                INSERT INTO monthly_report_published (org_id, month, published_at)
                SELECT org_id, :month, :now FROM org_projection WHERE type <> 'BRANCH'
                ON CONFLICT DO NOTHING
                RETURNING org_id
                """).setParameter("month", month.toString()).setParameter("now", now)
                .getResultList();
    }

    public List<ActiveMembers> activeMembers(String prefix) {
        return Row.list(em.createNativeQuery("""
                SELECT org_path, count(*) AS members FROM member_projection
                WHERE org_path LIKE :prefix AND standing = 'ACTIVE' GROUP BY org_path
                """, Tuple.class).setParameter("prefix", prefix + "%"),
                r -> new ActiveMembers(r.string("org_path"), r.longValue("members")));
    }

    public List<MonthEvents> monthEvents(String prefix, Instant start, Instant end) {
        return Row.list(em.createNativeQuery("""
                SELECT c.org_path,
                       count(*) FILTER (WHERE t.kind IN ('OPENED', 'REOPENED')) AS newly_lost,
                       count(*) FILTER (WHERE t.kind = 'FOUND') AS found,
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition = 'REINTEGRATED') AS reintegrated,
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition IN ('CORRECTION', 'PERSUADED_TO_QUIT'))
                           AS disposed,
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition IN ('SUSPENDED', 'PROBATION_CANCELLED'))
                           AS suspended,
                       count(*) FILTER (WHERE t.kind = 'DISPOSED' AND t.disposition = 'REMOVED') AS removed,
                       count(*) FILTER (WHERE t.kind = 'REOPENED') AS re_lost,
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'DECEASED') AS deceased,
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'WITHDRAWN') AS withdrawn,
                       count(*) FILTER (WHERE t.kind = 'CLOSED' AND c.resolution = 'EXPELLED') AS expelled
                FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                WHERE c.org_path LIKE :prefix AND t.at >= :start AND t.at < :end
                GROUP BY c.org_path
                """, Tuple.class).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end),
                r -> new MonthEvents(r.string("org_path"), r.longValue("newly_lost"), r.longValue("found"),
                        r.longValue("reintegrated"), r.longValue("disposed"), r.longValue("suspended"),
                        r.longValue("removed"), r.longValue("re_lost"), r.longValue("deceased"), r.longValue("withdrawn"),
                        r.longValue("expelled")));
    }

    public List<Openings> openings(String prefix, Instant start, Instant end) {
        return Row.list(em.createNativeQuery("""
                SELECT c.org_path, c.situation, count(*) AS openings
                FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                WHERE c.org_path LIKE :prefix AND t.kind IN ('OPENED', 'REOPENED') AND t.at >= :start AND t.at < :end
                GROUP BY c.org_path, c.situation
                """, Tuple.class).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end),
                r -> new Openings(r.string("org_path"), LossSituation.valueOf(r.string("situation")),
                        r.longValue("openings")));
    }

    /** Missing at an instant: the case's last opening/finding/closing before it was an opening. */
    public List<MissingCase> missing(String prefix, Instant start, Instant end) {
        return Row.list(em.createNativeQuery("""
                WITH status AS (
                    SELECT t.case_id, t.kind, t.at,
                           CASE t.kind WHEN 'CLOSED' THEN 3 WHEN 'FOUND' THEN 2 ELSE 1 END AS rank
                    FROM case_timeline t JOIN case_file c ON c.id = t.case_id
                    WHERE c.org_path LIKE :prefix AND t.kind IN ('OPENED', 'REOPENED', 'FOUND', 'CLOSED') AND t.at < :end
                ), at_start AS (
                    SELECT DISTINCT ON (case_id) case_id, kind FROM status WHERE at < :start
                    ORDER BY case_id, at DESC, rank DESC
                ), at_end AS (
                    SELECT DISTINCT ON (case_id) case_id, kind FROM status ORDER BY case_id, at DESC, rank DESC
                ), in_month AS (
                    SELECT case_id, min(at) FILTER (WHERE kind IN ('FOUND', 'CLOSED')) AS ended,
                           bool_or(kind IN ('OPENED', 'REOPENED')) AS started
                    FROM status WHERE at >= :start GROUP BY case_id
                )
                SELECT c.org_path, c.lost_since, coalesce(s.kind IN ('OPENED', 'REOPENED'), false) AS missing_at_start,
                       coalesce(e.kind IN ('OPENED', 'REOPENED'), false) AS missing_at_end, m.ended, c.situation
                FROM case_file c
                LEFT JOIN at_start s ON s.case_id = c.id
                LEFT JOIN at_end e ON e.case_id = c.id
                LEFT JOIN in_month m ON m.case_id = c.id
                WHERE c.org_path LIKE :prefix AND (s.kind IN ('OPENED', 'REOPENED') OR m.started)
                """, Tuple.class).setParameter("prefix", prefix + "%").setParameter("start", start).setParameter("end", end),
                r -> new MissingCase(r.string("org_path"), r.instant("lost_since"), r.bool("missing_at_start"),
                        r.bool("missing_at_end"), r.instant("ended"),
                        r.string("situation") == null ? null : LossSituation.valueOf(r.string("situation"))));
    }
}
