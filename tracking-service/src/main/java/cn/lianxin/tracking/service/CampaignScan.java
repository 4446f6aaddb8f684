package cn.lianxin.tracking.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.Campaign;

/**
 * The campaigns' part of a scan ({@link ScanService}: the daily scheduled one, claimed once per cluster, and
 * {@code POST /api/v1/scans}): the open campaigns of the subtree, few, each looked at in its own transaction
 * ({@link CampaignSteps}) — a week before the end its lagging branches are reminded, after the last day it closes.
 * Idempotent for any instant: a reminder goes out once per (campaign, branch), a campaign closes once.
 */
@ApplicationScoped
public class CampaignScan {

    private final CampaignSteps steps;
    private final TrackingConfig config;

    public CampaignScan(CampaignSteps steps, TrackingConfig config) {
        this.steps = steps;
        this.config = config;
    }

    /** @return what it emitted, by event name */
    public Map<String, Integer> scan(Instant asOf, String pathPrefix) {
        int reminders = 0;
        int closed = 0;
        for (Campaign c : steps.open(pathPrefix)) {
            if (c.window().hasEnded(asOf)) {
                closed += steps.close(c.id(), asOf, Campaign.SCAN, Campaign.CloseReason.WINDOW_ENDED) ? 1 : 0;
            } else if (c.window().isReminderDue(asOf, config.campaign().reminderBefore())) {
                reminders += steps.remind(c.id(), asOf);
            }
        }
        Map<String, Integer> emitted = new LinkedHashMap<>();
        emitted.put("CampaignReminderDue", reminders);
        emitted.put("CampaignClosed", closed);
        return emitted;
    }
}
