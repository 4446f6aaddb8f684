package cn.lianxin.cases.repository;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import cn.lianxin.platform.sql.Row;

/** tracking-service's accountability figures per branch and month (table {@code branch_accountability}), as JSON. */
@ApplicationScoped
public class AccountabilityRepository {

    private final EntityManager em;

    public AccountabilityRepository(EntityManager em) {
        this.em = em;
    }

    /** Keeps a branch's figures of a month; a report taken later replaces one taken earlier, never the reverse. */
    public void store(UUID orgId, YearMonth month, Instant asOf, String figuresJson, Instant receivedAt) {
        em.createNativeQuery("""
                INSERT INTO branch_accountability (org_id, month, as_of, figures, received_at)
                VALUES (:org, :month, :asOf, CAST(:figures AS jsonb), :received)
                ON CONFLICT (org_id, month) DO UPDATE SET as_of = EXCLUDED.as_of, figures = EXCLUDED.figures,
                    received_at = EXCLUDED.received_at
                WHERE branch_accountability.as_of < EXCLUDED.as_of
                """).setParameter("org", orgId).setParameter("month", month.toString()).setParameter("asOf", asOf)
                .setParameter("figures", figuresJson).setParameter("received", receivedAt).executeUpdate();
    }

    /** The figures of {@code month} of the branches whose path starts with {@code prefix}, as JSON by branch. */
    public Map<UUID, String> ofMonth(String prefix, YearMonth month) {
        Map<UUID, String> figures = new HashMap<>();
        Row.list(em.createNativeQuery("""
                SELECT a.org_id, CAST(a.figures AS text) AS figures FROM branch_accountability a
                JOIN org_projection o ON o.org_id = a.org_id
                WHERE o.path LIKE :prefix AND a.month = :month
                """, Tuple.class).setParameter("prefix", prefix + "%").setParameter("month", month.toString()),
                r -> figures.put(r.uuid("org_id"), r.string("figures")));
        return figures;
    }
}
