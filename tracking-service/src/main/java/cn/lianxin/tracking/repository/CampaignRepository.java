package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.platform.sql.Row;
import cn.lianxin.tracking.domain.Accounting;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.domain.CampaignWindow;
import cn.lianxin.tracking.domain.FocusTag;

/**
 * 专项排查 campaigns: the campaign, its members in scope (fixed at opening), whether each is accounted for (the
 * {@link Accounting} table rendered as SQL over the facts of each member), the reminders' exactly-once keys and the
 * final figures of a closed campaign.
 */
@ApplicationScoped
public class CampaignRepository {

    /** Counts of one branch: members in scope and members accounted for. */
    public record BranchCounts(UUID branchId, String branchName, long inScope, long accounted) {

        public long notAccounted() {
            return inScope - accounted;
        }
    }

    /** A member in scope not accounted for, with why not and their latest contacts up to the figures' instant. */
    public record UnaccountedRow(UUID memberId, String name, UUID branchId, String branchName, Accounting accounting,
            Instant lastReachedAt, Instant lastAttemptAt) {
    }

    /** Outcome counts over the whole campaign, for CampaignClosed. */
    public record OutcomeCount(Accounting accounting, long members) {
    }

    private static final String CAMPAIGN_COLUMNS = """
            campaign_id, org_id, org_path, name, starts_on, ends_on, array_to_string(focus_tags, ',') AS focus_tags,
            status, opened_by, opened_at, closed_by, closed_at, close_reason, figures_as_of""";

    private final EntityManager em;

    public CampaignRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(Campaign c) {
        Sql.of(em, """
                INSERT INTO campaign (campaign_id, org_id, org_path, name, starts_on, ends_on, focus_tags, status,
                                      opened_by, opened_at)
                VALUES (:id, :org, :path, :name, :startsOn, :endsOn, CAST(string_to_array(:tags, ',') AS text[]),
                        :status, :openedBy, :openedAt)
                """).set("id", c.id()).set("org", c.orgId()).set("path", c.orgPath()).set("name", c.name())
                .set("startsOn", c.window().startsOn()).set("endsOn", c.window().endsOn()).set("tags", tags(c.focusTags()))
                .set("status", c.status().name()).set("openedBy", c.openedBy()).set("openedAt", c.openedAt()).update();
    }

    /**
     * Fixes the scope at opening: the members of the subtree who are ACTIVE and in the register now, with one of the
     * focus tags when the campaign names any, each with the branch they belong to now.
     *
     * @return how many members are in scope
     */
    public int fixScope(Campaign c) {
        return Sql.of(em, """
                INSERT INTO campaign_member (campaign_id, member_id, branch_id)
                SELECT :id, m.member_id, m.org_id FROM member m
                WHERE m.org_path LIKE :prefix AND m.standing = 'ACTIVE' AND m.in_register
                  AND (:tags = '' OR m.focus_tags && CAST(string_to_array(:tags, ',') AS text[]))
                """).set("id", c.id()).set("prefix", c.orgPath() + "%").set("tags", tags(c.focusTags())).update();
    }

    /** How many branches answer for the members in scope (each member's branch at opening). */
    public long branches(UUID campaignId) {
        return ((Number) Sql.of(em, "SELECT count(DISTINCT branch_id) FROM campaign_member WHERE campaign_id = :id")
                .set("id", campaignId).single()).longValue();
    }

    public Optional<Campaign> find(UUID id) {
        return Sql.select(em, "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign WHERE campaign_id = :id").set("id", id)
                .rows(CampaignRepository::campaign).stream().findFirst();
    }

    /** The campaign, its row locked until the transaction ends: a scan and an early close take turns. */
    public Optional<Campaign> lock(UUID id) {
        return Sql.select(em, "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign WHERE campaign_id = :id FOR UPDATE")
                .set("id", id).rows(CampaignRepository::campaign).stream().findFirst();
    }

    /** The open campaigns of orgs under {@code pathPrefix}: what a scan looks at (a few per org and quarter). */
    public List<Campaign> open(String pathPrefix) {
        return Sql.select(em, "SELECT " + CAMPAIGN_COLUMNS
                + " FROM campaign WHERE status = 'OPEN' AND org_path LIKE :prefix ORDER BY ends_on, campaign_id")
                .set("prefix", pathPrefix + "%").rows(CampaignRepository::campaign);
    }

    /**
     * Campaigns that overlap the subtree at {@code path}: opened inside it, or covering it from above; newest first.
     * {@code status} null: both.
     */
    public List<Campaign> overlapping(String path, Campaign.Status status, int limit, int offset) {
        return Sql.select(em, "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign" + overlapWhere()
                + " ORDER BY starts_on DESC, opened_at DESC, campaign_id LIMIT :limit OFFSET :offset")
                .set("path", path).set("status", status == null ? null : status.name())
                .set("limit", limit, Integer.class).set("offset", offset, Integer.class).rows(CampaignRepository::campaign);
    }

    public long countOverlapping(String path, Campaign.Status status) {
        return ((Number) Sql.of(em, "SELECT count(*) FROM campaign" + overlapWhere()).set("path", path)
                .set("status", status == null ? null : status.name()).single()).longValue();
    }

    private static String overlapWhere() {
        return " WHERE (org_path LIKE :path || '%' OR :path LIKE org_path || '%')"
                + " AND (CAST(:status AS text) IS NULL OR status = :status)";
    }

    // --- who is accounted for ------------------------------------------------------------------------------

    /**
     * The members in scope with their {@link Accounting} ({@code member_id, branch_id, accounting}): as of
     * {@code asOf} for an open campaign (contacts inside the window recorded for instants up to then, the cases open
     * then, today's standing), as stored at the close for a closed one.
     */
    private static String judged(Campaign c) {
        if (!c.isOpen()) {
            return "SELECT member_id, branch_id, accounting FROM campaign_member WHERE campaign_id = :id";
        }
        return """
                SELECT f.member_id, f.branch_id, %s AS accounting
                FROM (SELECT cm.member_id, cm.branch_id,
                             (m.standing = 'ACTIVE' AND m.in_register) AS active,
                             EXISTS (SELECT 1 FROM member_case k WHERE k.member_id = cm.member_id
                                     AND (k.opened_at IS NULL OR k.opened_at <= :asOf)
                                     AND (k.closed_at IS NULL OR k.closed_at > :asOf)) AS open_case,
                             EXISTS (SELECT 1 FROM contact x WHERE x.member_id = cm.member_id AND x.outcome = 'REACHED'
                                     AND x.at >= :from AND x.at < :to AND x.at <= :asOf) AS reached,
                             EXISTS (SELECT 1 FROM contact x WHERE x.member_id = cm.member_id
                                     AND x.outcome = 'NOT_REACHED'
                                     AND x.at >= :from AND x.at < :to AND x.at <= :asOf) AS attempted
                      FROM campaign_member cm JOIN member m ON m.member_id = cm.member_id
                      WHERE cm.campaign_id = :id) f
                """.formatted(Accounting.sql());
    }

    private static Sql bind(Sql sql, Campaign c, Instant asOf) {
        sql.set("id", c.id());
        if (c.isOpen()) {
            sql.set("asOf", asOf).set("from", c.window().startsAt()).set("to", c.window().endsAt());
        }
        return sql;
    }

    /** Per branch under {@code visiblePrefix} (all for {@code /}): in scope and accounted for, by branch name. */
    public List<BranchCounts> branchCounts(Campaign c, Instant asOf, String visiblePrefix) {
        String sql;
        if (c.isOpen()) {
            sql = "WITH j AS (" + judged(c) + ") SELECT j.branch_id, o.name AS branch_name, count(*) AS in_scope,"
                    + " count(*) FILTER (WHERE j.accounting IN (" + Accounting.sqlAccounted() + ")) AS accounted"
                    + " FROM j LEFT JOIN org_projection o ON o.org_id = j.branch_id"
                    + " WHERE :visible = '/' OR o.path LIKE :visible || '%'"
                    + " GROUP BY j.branch_id, o.name ORDER BY o.name, j.branch_id";
        } else {
            sql = "SELECT f.branch_id, o.name AS branch_name, CAST(f.in_scope AS bigint) AS in_scope,"
                    + " CAST(f.accounted AS bigint) AS accounted"
                    + " FROM campaign_branch_figures f LEFT JOIN org_projection o ON o.org_id = f.branch_id"
                    + " WHERE f.campaign_id = :id AND (:visible = '/' OR o.path LIKE :visible || '%')"
                    + " ORDER BY o.name, f.branch_id";
        }
        return bind(Sql.select(em, sql), c, asOf).set("visible", visiblePrefix)
                .rows(r -> new BranchCounts(r.uuid("branch_id"), r.string("branch_name"), r.longValue("in_scope"),
                        r.longValue("accounted")));
    }

    /**
     * A page of the members not accounted for, of branches under {@code branchPrefix}, by branch name, member name.
     */
    public List<UnaccountedRow> unaccounted(Campaign c, Instant asOf, String branchPrefix, int limit, int offset) {
        Instant lastAsOf = c.isOpen() ? asOf : c.figuresAsOf();
        return bind(Sql.select(em, "WITH j AS (" + judged(c) + ") SELECT j.member_id, m.name, j.branch_id,"
                + " o.name AS branch_name, j.accounting,"
                + " (SELECT max(x.at) FROM contact x WHERE x.member_id = j.member_id AND x.outcome = 'REACHED'"
                + "  AND x.at <= :lastAsOf) AS last_reached_at,"
                + " (SELECT max(x.at) FROM contact x WHERE x.member_id = j.member_id AND x.outcome = 'NOT_REACHED'"
                + "  AND x.at <= :lastAsOf) AS last_attempt_at"
                + unaccountedFrom() + " ORDER BY o.name, m.name, j.member_id LIMIT :limit OFFSET :offset"), c, asOf)
                .set("branch", branchPrefix).set("lastAsOf", lastAsOf)
                .set("limit", limit, Integer.class).set("offset", offset, Integer.class)
                .rows(r -> new UnaccountedRow(r.uuid("member_id"), r.string("name"), r.uuid("branch_id"),
                        r.string("branch_name"), Accounting.valueOf(r.string("accounting")),
                        r.instant("last_reached_at"), r.instant("last_attempt_at")));
    }

    public long countUnaccounted(Campaign c, Instant asOf, String branchPrefix) {
        return ((Number) bind(Sql.of(em, "WITH j AS (" + judged(c) + ") SELECT count(*)" + unaccountedFrom()), c, asOf)
                .set("branch", branchPrefix).single()).longValue();
    }

    private static String unaccountedFrom() {
        return " FROM j JOIN member m ON m.member_id = j.member_id"
                + " LEFT JOIN org_projection o ON o.org_id = j.branch_id"
                + " WHERE j.accounting NOT IN (" + Accounting.sqlAccounted() + ")"
                + " AND (:branch = '/' OR o.path LIKE :branch || '%')";
    }

    /** How many members of the whole campaign have each outcome. */
    public List<OutcomeCount> outcomes(Campaign c, Instant asOf) {
        return bind(Sql.select(em, "WITH j AS (" + judged(c) + ") SELECT j.accounting, count(*) AS members FROM j"
                + " GROUP BY j.accounting"), c, asOf)
                .rows(r -> new OutcomeCount(Accounting.valueOf(r.string("accounting")), r.longValue("members")));
    }

    // --- the scan's exactly-once writes ---------------------------------------------------------------------

    /**
     * Claims the reminder of each branch, once ever per (campaign, branch).
     *
     * @return the branches claimed now (those already reminded are left out)
     */
    public List<UUID> claimReminders(UUID campaignId, List<UUID> branches, Instant now) {
        if (branches.isEmpty()) {
            return List.of();
        }
        return Sql.select(em, """
                INSERT INTO campaign_reminder (campaign_id, branch_id, reminded_at)
                SELECT :id, CAST(b AS uuid), :now FROM unnest(string_to_array(:branches, ',')) AS b
                ON CONFLICT (campaign_id, branch_id) DO NOTHING
                RETURNING branch_id
                """).set("id", campaignId).set("now", now)
                .set("branches", String.join(",", branches.stream().map(UUID::toString).toList()))
                .rows(r -> r.uuid("branch_id"));
    }

    /**
     * Closes an open campaign (its row locked by {@link #lock}): each member's outcome as of {@code asOf} and the
     * figures per branch are stored, never recomputed.
     *
     * @return false when it was already closed
     */
    public boolean close(Campaign c, Instant asOf, String closedBy, Campaign.CloseReason reason, Instant now) {
        bind(Sql.of(em, "UPDATE campaign_member cm SET accounting = j.accounting FROM (" + judged(c) + ") j"
                + " WHERE cm.campaign_id = :id AND cm.member_id = j.member_id"), c, asOf).update();
        Sql.of(em, """
                INSERT INTO campaign_branch_figures (campaign_id, branch_id, in_scope, accounted)
                SELECT :id, branch_id, count(*), count(*) FILTER (WHERE accounting IN (%s))
                FROM campaign_member WHERE campaign_id = :id GROUP BY branch_id
                ON CONFLICT (campaign_id, branch_id) DO NOTHING
                """.formatted(Accounting.sqlAccounted())).set("id", c.id()).update();
        return Sql.of(em, """
                UPDATE campaign SET status = 'CLOSED', closed_by = :by, closed_at = :now, close_reason = :reason,
                    figures_as_of = :asOf
                WHERE campaign_id = :id AND status = 'OPEN'
                """).set("id", c.id()).set("by", closedBy).set("now", now).set("reason", reason.name())
                .set("asOf", asOf).update() == 1;
    }

    private static Campaign campaign(Row r) {
        String tags = r.string("focus_tags");
        String reason = r.string("close_reason");
        return new Campaign(r.uuid("campaign_id"), r.uuid("org_id"), r.string("org_path"), r.string("name"),
                new CampaignWindow(r.localDate("starts_on"), r.localDate("ends_on")),
                tags == null || tags.isEmpty() ? List.of() : Arrays.stream(tags.split(",")).map(FocusTag::valueOf).toList(),
                Campaign.Status.valueOf(r.string("status")), r.string("opened_by"), r.instant("opened_at"),
                r.string("closed_by"), r.instant("closed_at"), reason == null ? null : Campaign.CloseReason.valueOf(reason),
                r.instant("figures_as_of"));
    }

    private static String tags(List<FocusTag> tags) {
        return String.join(",", tags.stream().map(Enum::name).toList());
    }
}
