package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.outbox.Outbox.Keyed;
import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.Accounting;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.repository.CampaignRepository;
import cn.lianxin.tracking.repository.CampaignRepository.BranchCounts;
import cn.lianxin.tracking.repository.CampaignRepository.OutcomeCount;
import cn.lianxin.tracking.service.CampaignEvents.AccountedBy;
import cn.lianxin.tracking.service.CampaignEvents.BranchFigures;
import cn.lianxin.tracking.service.CampaignEvents.CampaignClosed;
import cn.lianxin.tracking.service.CampaignEvents.CampaignReminderDue;

/**
 * The two things a campaign's time brings, each in one transaction holding the campaign's row lock, so that two
 * scans (two replicas, or a scheduled and a manual one) and an early close take turns and see each other's writes:
 * the reminder of each lagging branch (its key in {@code campaign_reminder}: once per campaign and branch, ever), and
 * the close (the status moves from OPEN once).
 */
@ApplicationScoped
public class CampaignSteps {

    private final CampaignRepository campaigns;
    private final TrackingConfig config;
    private final Outbox outbox;
    private final Clock clock;

    public CampaignSteps(CampaignRepository campaigns, TrackingConfig config, Outbox outbox, Clock clock) {
        this.campaigns = campaigns;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public List<Campaign> open(String pathPrefix) {
        return campaigns.open(pathPrefix);
    }

    /** @return how many reminders went out now */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "lianxin.tracking.scan.transaction-timeout")
    public int remind(UUID campaignId, Instant asOf) {
        Campaign c = campaigns.lock(campaignId).orElse(null);
        if (c == null || !c.isOpen() || !c.window().isReminderDue(asOf, config.campaign().reminderBefore())) {
            return 0;
        }
        Map<UUID, BranchCounts> lagging = campaigns.branchCounts(c, asOf, "/").stream()
                .filter(b -> b.notAccounted() > 0)
                .collect(Collectors.toMap(BranchCounts::branchId, Function.identity()));
        List<UUID> claimed = campaigns.claimReminders(c.id(), List.copyOf(lagging.keySet()), clock.instant());
        outbox.appendAll(CampaignEvents.CAMPAIGN_REMINDER_DUE, claimed.stream().sorted().map(lagging::get)
                .map(b -> new Keyed(b.branchId(), new CampaignReminderDue(c.id(), b.branchId(), c.orgId(), c.name(),
                        c.window().endsOn(), b.inScope(), b.accounted(), b.notAccounted(), asOf)))
                .toList());
        return claimed.size();
    }

    /**
     * Closes an open campaign with its figures as of {@code asOf} (stored), and announces them.
     *
     * @return false when it was closed already (by another scan or an early close)
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "lianxin.tracking.scan.transaction-timeout")
    public boolean close(UUID campaignId, Instant asOf, String closedBy, Campaign.CloseReason reason) {
        Campaign c = campaigns.lock(campaignId).orElse(null);
        if (c == null || !c.isOpen()) {
            return false;
        }
        Instant now = clock.instant();
        if (!campaigns.close(c, asOf, closedBy, reason, now)) {
            return false;
        }
        Campaign closed = campaigns.find(campaignId).orElseThrow();
        List<BranchCounts> branches = campaigns.branchCounts(closed, asOf, "/");
        Map<Accounting, Long> outcomes = campaigns.outcomes(closed, asOf).stream()
                .collect(Collectors.toMap(OutcomeCount::accounting, OutcomeCount::members));
        long inScope = branches.stream().mapToLong(BranchCounts::inScope).sum();
        long accounted = branches.stream().mapToLong(BranchCounts::accounted).sum();
        outbox.append(CampaignEvents.CAMPAIGN_CLOSED, c.orgId(), new CampaignClosed(c.id(), c.orgId(), c.name(),
                c.window().startsOn(), c.window().endsOn(), reason, closedBy, now, asOf, inScope, accounted,
                inScope - accounted,
                new AccountedBy(outcomes.getOrDefault(Accounting.REACHED_IN_WINDOW, 0L),
                        outcomes.getOrDefault(Accounting.OPEN_CASE, 0L), outcomes.getOrDefault(Accounting.NOT_ACTIVE, 0L)),
                branches.stream().map(b -> new BranchFigures(b.branchId(), b.inScope(), b.accounted(), b.notAccounted()))
                        .toList()));
        return true;
    }
}
