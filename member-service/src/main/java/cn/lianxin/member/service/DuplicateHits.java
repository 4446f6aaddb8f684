package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import cn.lianxin.member.config.DuplicateHitsConfig;

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

    /** Records one hit per holding org (never the number, never the member), then 429 when above the limit. */
    public void record(List<UUID> holderOrgs, UUID actingOrg) {
        if (holderOrgs.isEmpty()) {
            return;
        }
        String caller = access.userId();
        Instant now = clock.instant();
        Instant since = now.minus(config.window());
        Instant retryFrom = QuarkusTransaction.requiringNew().call(() -> {
            for (UUID holder : holderOrgs) {
                audit.insertHit(caller, now, holder, actingOrg);
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
