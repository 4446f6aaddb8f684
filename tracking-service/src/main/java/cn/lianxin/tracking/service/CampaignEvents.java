package cn.lianxin.tracking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.domain.FocusTag;

/**
 * Payloads of the 专项排查 events on {@code contact.events}, shapes as in contracts/schemas/contact. None is about a
 * member: the Kafka key and ce_subject are the campaign's org (the lagging branch for a reminder), as for the other
 * org-keyed events (OrgCreated, MonthlyReportPublished).
 */
public final class CampaignEvents {

    public static final String CAMPAIGN_OPENED = "lianxin.contact.CampaignOpened.v1";
    public static final String CAMPAIGN_REMINDER_DUE = "lianxin.contact.CampaignReminderDue.v1";
    public static final String CAMPAIGN_CLOSED = "lianxin.contact.CampaignClosed.v1";

    private CampaignEvents() {
    }

    public record CampaignOpened(UUID campaignId, UUID orgId, String name, LocalDate startsOn, LocalDate endsOn,
            List<FocusTag> focusTags, long inScope, long branches, String openedBy, Instant openedAt) {
    }

    public record CampaignReminderDue(UUID campaignId, UUID orgId, UUID campaignOrgId, String name, LocalDate endsOn,
            long inScope, long accounted, long notAccounted, Instant asOf) {
    }

    /** Figures of the campaign or of one branch. */
    public record BranchFigures(UUID orgId, long inScope, long accounted, long notAccounted) {
    }

    /** How the accounted members were accounted for. */
    public record AccountedBy(long reachedInWindow, long openCase, long notActive) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CampaignClosed(UUID campaignId, UUID orgId, String name, LocalDate startsOn, LocalDate endsOn,
            Campaign.CloseReason reason, String closedBy, Instant closedAt, Instant asOf, long inScope, long accounted,
            long notAccounted, AccountedBy accountedBy, List<BranchFigures> branches) {
    }
}
