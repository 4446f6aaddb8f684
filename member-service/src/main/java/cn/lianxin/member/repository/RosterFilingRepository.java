package cn.lianxin.member.repository;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.RosterCounts;
import cn.lianxin.member.domain.RosterFiling;
import cn.lianxin.member.domain.RosterFilingState;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;

/** 花名册备案: the filings (their bytes apart), their decisions, and the branches of a subtree that have not filed. */
@ApplicationScoped
public class RosterFilingRepository {

    private static final String COLUMNS = """
            f.id, f.org_id, f.year, f.version, f.state, f.members, f.full_members, f.probationary_members,
            f.flowing_members, CAST(f.by_standing AS text) AS by_standing, f.content_hash, f.content_size, f.filed_by,
            f.filed_at, f.decided_by, f.decided_by_org, f.decided_at, f.remarks""";
    private static final String COUNT_UNFILED = """
            SELECT count(*) AS n
            FROM org b
            WHERE b.path LIKE :prefix AND b.type = 'BRANCH'
              AND NOT EXISTS (SELECT 1 FROM roster_filing a WHERE a.org_id = b.id AND a.year = :year
                              AND a.state IN ('FILED', 'ACKNOWLEDGED'))
            """;
    /** The branches of {@link #COUNT_UNFILED}, each with its latest filing of the year (a returned one) if any. */
    private static final String UNFILED = """
            SELECT b.id, b.name, last.version, last.state
            FROM org b LEFT JOIN LATERAL (SELECT f.version, f.state FROM roster_filing f
                WHERE f.org_id = b.id AND f.year = :year ORDER BY f.version DESC LIMIT 1) last ON true
            WHERE b.path LIKE :prefix AND b.type = 'BRANCH'
              AND NOT EXISTS (SELECT 1 FROM roster_filing a WHERE a.org_id = b.id AND a.year = :year
                              AND a.state IN ('FILED', 'ACKNOWLEDGED'))
            ORDER BY b.name, b.id LIMIT :size OFFSET :offset
            """;

    /** A branch without a FILED or ACKNOWLEDGED filing for the year, and its latest filing (a returned one) if any. */
    public record Unfiled(UUID orgId, String name, Integer lastVersion, RosterFilingState lastState) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public RosterFilingRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** The (branch, year)'s active filing (FILED or ACKNOWLEDGED), if there is one. */
    public Optional<RosterFiling> active(UUID orgId, int year) {
        return Row.list(em.createNativeQuery("SELECT " + COLUMNS + " FROM roster_filing f WHERE f.org_id = :org"
                + " AND f.year = :year AND f.state IN ('FILED', 'ACKNOWLEDGED')", Tuple.class)
                .setParameter("org", orgId).setParameter("year", year), this::filing).stream().findFirst();
    }

    /** The version the next filing of the (branch, year) takes: 1, or one more than the last. */
    public int nextVersion(UUID orgId, int year) {
        return Row.single(em.createNativeQuery("SELECT COALESCE(max(version), 0) + 1 AS v FROM roster_filing"
                + " WHERE org_id = :org AND year = :year", Tuple.class)
                .setParameter("org", orgId).setParameter("year", year), r -> r.integer("v"));
    }

    /** Writes a new filing with the bytes of its roster. */
    public void insert(RosterFiling f, byte[] content) {
        RosterCounts c = f.counts();
        em.createNativeQuery("""
                INSERT INTO roster_filing (id, org_id, year, version, state, members, full_members, probationary_members,
                    flowing_members, by_standing, content, content_hash, content_size, filed_by, filed_at)
                VALUES (:id, :org, :year, :version, :state, :members, :full, :probationary, :flowing,
                    CAST(:byStanding AS jsonb), :content, :hash, :size, :by, :at)
                """).setParameter("id", f.id()).setParameter("org", f.orgId()).setParameter("year", f.year())
                .setParameter("version", f.version()).setParameter("state", f.state().name())
                .setParameter("members", c.members()).setParameter("full", c.byCategory().get(Category.FULL))
                .setParameter("probationary", c.byCategory().get(Category.PROBATIONARY))
                .setParameter("flowing", c.flowing()).setParameter("byStanding", json(c.byStanding()))
                .setParameter("content", content).setParameter("hash", f.contentHash())
                .setParameter("size", f.contentSize()).setParameter("by", f.filedBy()).setParameter("at", f.filedAt())
                .executeUpdate();
        em.flush();
    }

    public Optional<RosterFiling> find(UUID id) {
        return Row.list(em.createNativeQuery("SELECT " + COLUMNS + " FROM roster_filing f WHERE f.id = :id", Tuple.class)
                .setParameter("id", id), this::filing).stream().findFirst();
    }

    /** The bytes of the filed roster, exactly as filed. */
    public byte[] content(UUID id) {
        return (byte[]) em.createNativeQuery("SELECT content FROM roster_filing WHERE id = :id").setParameter("id", id)
                .getSingleResult();
    }

    /** Records the decision, if the filing is still in {@code from}: false when another decision came first. */
    public boolean decide(RosterFiling decided, RosterFilingState from) {
        return em.createNativeQuery("""
                UPDATE roster_filing SET state = :state, decided_by = :by, decided_by_org = :byOrg, decided_at = :at,
                    remarks = :remarks
                WHERE id = :id AND state = :from
                """).setParameter("state", decided.state().name()).setParameter("by", decided.decidedBy())
                .setParameter("byOrg", decided.decidedByOrg()).setParameter("at", decided.decidedAt())
                .setParameter("remarks", decided.remarks()).setParameter("id", decided.id())
                .setParameter("from", from.name()).executeUpdate() == 1;
    }

    public long count(String pathPrefix, int year) {
        return Row.single(em.createNativeQuery("SELECT count(*) AS n FROM roster_filing f JOIN org o ON o.id = f.org_id"
                + " WHERE o.path LIKE :prefix AND f.year = :year", Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("year", year), r -> r.longValue("n"));
    }

    /** A page of the subtree's filings of the year: by branch name, newest version first. */
    public List<RosterFiling> list(String pathPrefix, int year, PageRequest page) {
        return Row.list(em.createNativeQuery("SELECT " + COLUMNS + " FROM roster_filing f JOIN org o ON o.id = f.org_id"
                + " WHERE o.path LIKE :prefix AND f.year = :year ORDER BY o.name, o.id, f.version DESC"
                + " LIMIT :size OFFSET :offset", Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("year", year)
                .setParameter("size", page.size).setParameter("offset", page.offset()), this::filing);
    }

    public long countUnfiled(String pathPrefix, int year) {
        return Row.single(em.createNativeQuery(COUNT_UNFILED, Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("year", year), r -> r.longValue("n"));
    }

    /** A page of the subtree's branches that have no FILED or ACKNOWLEDGED filing for the year, by name. */
    public List<Unfiled> unfiled(String pathPrefix, int year, PageRequest page) {
        return Row.list(em.createNativeQuery(UNFILED, Tuple.class)
                .setParameter("prefix", pathPrefix + "%").setParameter("year", year)
                .setParameter("size", page.size).setParameter("offset", page.offset()),
                r -> new Unfiled(r.uuid("id"), r.string("name"), r.integer("version"),
                        r.string("state") == null ? null : RosterFilingState.valueOf(r.string("state"))));
    }

    private RosterFiling filing(Row r) {
        RosterCounts counts = new RosterCounts(r.integer("members"),
                Map.of(Category.FULL, r.integer("full_members"), Category.PROBATIONARY, r.integer("probationary_members")),
                standings(r.string("by_standing")), r.integer("flowing_members"));
        return new RosterFiling(r.uuid("id"), r.uuid("org_id"), r.integer("year"), r.integer("version"),
                RosterFilingState.valueOf(r.string("state")), counts, r.string("content_hash"), r.integer("content_size"),
                r.string("filed_by"), r.instant("filed_at"), r.string("decided_by"), r.uuid("decided_by_org"),
                r.instant("decided_at"), r.string("remarks"));
    }

    private Map<Standing, Integer> standings(String json) {
        try {
            Map<String, Integer> byName = mapper.readValue(json, new TypeReference<Map<String, Integer>>() {
            });
            Map<Standing, Integer> counts = new EnumMap<>(Standing.class);
            byName.forEach((k, v) -> counts.put(Standing.valueOf(k), v));
            return counts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("roster_filing.by_standing is not a JSON object of counts", e);
        }
    }

    private String json(Map<Standing, Integer> counts) {
        try {
            return mapper.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
