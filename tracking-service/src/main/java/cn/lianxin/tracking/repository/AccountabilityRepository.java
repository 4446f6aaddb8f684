package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * What the accountability figures (目标责任考核) are computed from, for a whole subtree in a few queries however many
 * members: the members, their REACHED contacts, their case openings with the first attempt and the end after each, their
 * follow-ups done and missed. The figures themselves are the domain's {@code Accountability}.
 */
@ApplicationScoped
public class AccountabilityRepository {

    /** A branch of the subtree (org projection). */
    public record Branch(UUID orgId, String name, String path) {
    }

    /**
     * A member under the subtree, whatever their standing; {@code active} when ACTIVE and in the register (whose
     * contact obligations count, and who count as members). {@code leftAt} and {@code reportedInAt} of the open
     * outflow only.
     */
    public record Member(UUID memberId, UUID orgId, boolean active, UUID liaisonId, String liaisonName,
            Instant registeredAt, Instant restartedAt, LocalDate leftAt, Instant reportedInAt) {
    }

    /** A REACHED contact. */
    public record ReachedContact(UUID memberId, Instant at, String channel) {
    }

    /** One opening of a case with its C1 deadline, its first attempt logged and its first finding or closing after it. */
    public record Opening(UUID memberId, UUID caseId, Instant openedAt, Instant verificationDueAt,
            Instant firstAttemptAt, Instant endedAt) {
    }

    /** A follow-up visit done ({@code done}) or missed, at its visit or due instant. */
    public record FollowUp(UUID memberId, boolean done, Instant at) {
    }

    private static final String SCOPE = """
            WITH scope AS (SELECT m.member_id FROM member m WHERE m.org_path LIKE :prefix)
            """;

    private final EntityManager em;

    public AccountabilityRepository(EntityManager em) {
        this.em = em;
    }

    public List<Branch> branches(String pathPrefix) {
        return Sql.select(em, """
                SELECT org_id, name, path FROM org_projection WHERE type = 'BRANCH' AND path LIKE :prefix
                ORDER BY name, org_id
                """).set("prefix", pathPrefix + "%")
                .rows(r -> new Branch(r.uuid("org_id"), r.string("name"), r.string("path")));
    }

    public List<Member> members(String pathPrefix) {
        return Sql.select(em, """
                SELECT m.member_id, m.org_id, (m.standing = 'ACTIVE' AND m.in_register) AS active,
                       CAST(m.liaison ->> 'memberId' AS uuid) AS liaison_id, m.liaison ->> 'name' AS liaison_name,
                       m.registered_at, m.restarted_at,
                       CASE WHEN m.outflow_id IS NOT NULL THEN m.left_at END AS left_at,
                       CASE WHEN m.outflow_id IS NOT NULL THEN m.reported_in_at END AS reported_in_at
                FROM member m WHERE m.org_path LIKE :prefix
                """).set("prefix", pathPrefix + "%")
                .rows(r -> new Member(r.uuid("member_id"), r.uuid("org_id"), r.bool("active"), r.uuid("liaison_id"),
                        r.string("liaison_name"), r.instant("registered_at"), r.instant("restarted_at"),
                        r.localDate("left_at"), r.instant("reported_in_at")));
    }

    /**
     * The REACHED contacts from {@code since} to {@code asOf}, and for each member the last one before {@code since}
     * (of any channel, and person to person): where the clocks stood when the contacts in view begin.
     */
    public List<ReachedContact> reached(String pathPrefix, Instant since, Instant asOf) {
        return Sql.select(em, SCOPE + """
                SELECT c.member_id, c.at, c.channel FROM contact c JOIN scope s ON s.member_id = c.member_id
                WHERE c.outcome = 'REACHED' AND c.at >= :since AND c.at <= :asOf
                UNION ALL
                (SELECT DISTINCT ON (c.member_id) c.member_id, c.at, c.channel
                 FROM contact c JOIN scope s ON s.member_id = c.member_id
                 WHERE c.outcome = 'REACHED' AND c.at < :since ORDER BY c.member_id, c.at DESC)
                UNION ALL
                (SELECT DISTINCT ON (c.member_id) c.member_id, c.at, c.channel
                 FROM contact c JOIN scope s ON s.member_id = c.member_id
                 WHERE c.outcome = 'REACHED' AND c.at < :since AND c.channel NOT IN ('ORG_LIFE', 'DUES')
                 ORDER BY c.member_id, c.at DESC)
                """).set("prefix", pathPrefix + "%").set("since", since).set("asOf", asOf)
                .rows(r -> new ReachedContact(r.uuid("member_id"), r.instant("at"), r.string("channel")));
    }

    /** Openings from {@code openedSince} until {@code until}, each with its first attempt and end after it. */
    public List<Opening> openings(String pathPrefix, Instant openedSince, Instant until) {
        return Sql.select(em, SCOPE + """
                SELECT l.member_id, l.case_id, l.opened_at, l.verification_due_at,
                       (SELECT min(a.logged_at) FROM search_attempt a
                        WHERE a.case_id = l.case_id AND a.logged_at >= l.opened_at) AS first_attempt_at,
                       LEAST((SELECT min(f.found_at) FROM case_found f
                              WHERE f.case_id = l.case_id AND f.found_at >= l.opened_at),
                             (SELECT c.closed_at FROM member_case c
                              WHERE c.case_id = l.case_id AND c.closed_at >= l.opened_at)) AS ended_at
                FROM case_loss l JOIN scope s ON s.member_id = l.member_id
                WHERE l.opened_at >= :since AND l.opened_at < :until
                """).set("prefix", pathPrefix + "%").set("since", openedSince).set("until", until)
                .rows(r -> new Opening(r.uuid("member_id"), r.uuid("case_id"), r.instant("opened_at"),
                        r.instant("verification_due_at"), r.instant("first_attempt_at"), r.instant("ended_at")));
    }

    /** Follow-ups recorded with a visit, and missed with a due instant, in [from, until). */
    public List<FollowUp> followUps(String pathPrefix, Instant from, Instant until) {
        return Sql.select(em, SCOPE + """
                SELECT d.member_id, true AS done, d.visited_at AS at
                FROM follow_up_done d JOIN scope s ON s.member_id = d.member_id
                WHERE d.visited_at >= :from AND d.visited_at < :until
                UNION ALL
                SELECT f.member_id, false, f.due_at FROM follow_up_missed f JOIN scope s ON s.member_id = f.member_id
                WHERE f.due_at >= :from AND f.due_at < :until
                """).set("prefix", pathPrefix + "%").set("from", from).set("until", until)
                .rows(r -> new FollowUp(r.uuid("member_id"), r.bool("done"), r.instant("at")));
    }

    /**
     * Claims the report of a branch's month (AccountabilityReported), in the caller's transaction.
     *
     * @return whether this call claimed it (false: reported before)
     */
    public boolean claimReport(UUID branchId, YearMonth month, Instant at) {
        return Sql.of(em, """
                INSERT INTO accountability_report (org_id, month, reported_at) VALUES (:org, :month, :at)
                ON CONFLICT (org_id, month) DO NOTHING
                """).set("org", branchId).set("month", month.toString()).set("at", at).update() == 1;
    }
}
