package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.member.config.DuplicateHitsConfig;
import cn.lianxin.member.repository.AuditRepository;

/**
 * ID numbers found already registered: each hit is audited in its own transaction (it stays recorded when the
 * request that found it is refused) with the lowest common ancestor of the two orgs, whose ORG_ADMIN and AUDITOR read
 * it through the audit API; then a caller above the configured number of hits per window gets 429.
 */
@ApplicationScoped
public class DuplicateHits {

    private final AuditRepository audit;
    private final MemberAccess access;
    private final DuplicateHitsConfig config;
    private final Clock clock;

    public DuplicateHits(AuditRepository audit, MemberAccess access, DuplicateHitsConfig config, Clock clock) {
        this.audit = audit;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    /** The member of the register who holds the number, and that member's org. */
    public record Holder(UUID memberId, UUID orgId) {
    }

    /**
     * Records one hit per holder (never the number; the holding member for the reconciliation report, never the member
     * the caller tried to register), then 429 when above the limit.
     */
    public void record(List<Holder> holders, UUID actingOrg) {
        if (holders.isEmpty()) {
            return;
        }
        record(access.userId(), holders, actingOrg);
    }

    /** As {@link #record(List, UUID)} for a caller named explicitly (a roster import job runs outside its request). */
    public void record(String caller, List<Holder> holders, UUID actingOrg) {
        if (holders.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant since = now.minus(config.window());
        Instant retryFrom = QuarkusTransaction.requiringNew().call(() -> {
            for (Holder holder : holders) {
                audit.insertHit(caller, now, holder.memberId(), holder.orgId(), actingOrg);
            }
            long recent = audit.hitsSince(caller, since, now);
            // the next hit is allowed once all but max - 1 of the recent ones have left the window
            return recent > config.maxPerWindow() ? audit.hitAt(caller, since, now, recent - config.maxPerWindow()) : null;
        });
        if (retryFrom != null) {
            throw new TooManyDuplicateHits(config.maxPerWindow(), config.window(),
                    Duration.between(now, retryFrom.plus(config.window())));
        }
    }
}
