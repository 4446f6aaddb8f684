package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.member.config.DuplicateHitsConfig;
import cn.lianxin.platform.problem.ProblemException;

/**
 * ID numbers found already registered: each hit is audited in its own transaction (it stays recorded when the
 * request that found it is refused), then a caller above the configured number of hits per window gets 429.
 */
@ApplicationScoped
public class DuplicateHits {

    private final EntityManager em;
    private final MemberAccess access;
    private final DuplicateHitsConfig config;
    private final Clock clock;

    public DuplicateHits(EntityManager em, MemberAccess access, DuplicateHitsConfig config, Clock clock) {
        this.em = em;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    /** Records one hit per holding org (never the number, never the member), then 429 when above the limit. */
    public void record(List<UUID> holderOrgs, UUID actingOrg) {
        if (holderOrgs.isEmpty()) {
            return;
        }
        String caller = access.userId();
        Instant now = clock.instant();
        long recent = QuarkusTransaction.requiringNew().call(() -> {
            for (UUID holder : holderOrgs) {
                em.createNativeQuery("""
                        INSERT INTO id_number_duplicate_hit (id, caller, hit_at, holder_org_id, acting_org_id)
                        VALUES (:id, :caller, :at, :holder, :acting)
                        """).setParameter("id", UUID.randomUUID()).setParameter("caller", caller).setParameter("at", now)
                        .setParameter("holder", holder).setParameter("acting", actingOrg).executeUpdate();
            }
            return ((Number) em.createNativeQuery("""
                    SELECT count(*) FROM id_number_duplicate_hit WHERE caller = :caller AND hit_at > :since AND hit_at <= :now
                    """).setParameter("caller", caller).setParameter("since", now.minus(config.window()))
                    .setParameter("now", now).getSingleResult()).longValue();
        });
        if (recent > config.maxPerWindow()) {
            throw new ProblemException(429, "Too Many Requests", "More than " + config.maxPerWindow()
                    + " ID numbers found already registered within " + config.window() + "; try again later", List.of());
        }
    }
}
