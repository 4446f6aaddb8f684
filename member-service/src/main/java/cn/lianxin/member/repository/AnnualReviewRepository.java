package cn.lianxin.member.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.AnnualReview;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;

/** Annual reviews (年审) and who in a subtree has one for a year: members in good standing, still in the register. */
@ApplicationScoped
public class AnnualReviewRepository implements PanacheRepositoryBase<AnnualReview, UUID> {

    private static final String SUBTREE_IN_YEAR = """
            FROM member m JOIN org o ON o.id = m.org_id
            LEFT JOIN annual_review r ON r.member_id = m.id AND r.year = :year
            WHERE o.path LIKE :prefix AND m.standing = 'ACTIVE' AND m.transferred_out_at IS NULL
            """;

    /** How many of the subtree's members are reviewed in the year, and how many are not yet. */
    public record Counts(long reviewed, long pending) {
    }

    /** One member of the subtree in the year: {@code verifiedAt} is null while not yet reviewed. */
    public record MemberInYear(UUID memberId, String name, UUID orgId, LocalDate verifiedAt,
            ContactHealthRepository.Health contactHealth) {
    }

    /** Whether the member's review of the year is recorded. */
    public boolean exists(UUID memberId, int year) {
        return Exists.any(getEntityManager(), "AnnualReview", "memberId = ?1 and year = ?2", memberId, year);
    }

    public Counts counts(String pathPrefix, int year) {
        return Row.single(getEntityManager()
                .createNativeQuery("SELECT count(r.id) AS reviewed, count(*) - count(r.id) AS pending " + SUBTREE_IN_YEAR,
                        Tuple.class)
                .setParameter("year", year).setParameter("prefix", pathPrefix + "%"),
                r -> new Counts(r.longValue("reviewed"), r.longValue("pending")));
    }

    /** A page of the subtree's members, not yet reviewed first, by name; {@code reviewed} (when not null) filters. */
    public List<MemberInYear> members(String pathPrefix, int year, Boolean reviewed, PageRequest page) {
        String filter = reviewed == null ? "" : reviewed ? " AND r.id IS NOT NULL" : " AND r.id IS NULL";
        return Row.list(getEntityManager()
                .createNativeQuery("SELECT m.id, m.name, m.org_id, r.verified_at, " + ContactHealthRepository.HEALTH_COLUMNS + " "
                        + SUBTREE_IN_YEAR + filter
                        + " ORDER BY (r.id IS NOT NULL), m.name, m.id LIMIT :size OFFSET :offset", Tuple.class)
                .setParameter("year", year).setParameter("prefix", pathPrefix + "%")
                .setParameter("size", page.size).setParameter("offset", page.offset()),
                r -> new MemberInYear(r.uuid("id"), r.string("name"), r.uuid("org_id"), r.localDate("verified_at"),
                        ContactHealthRepository.health(r)));
    }
}
