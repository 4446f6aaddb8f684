package cn.lianxin.tracking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.lianxin.tracking.domain.Accounting;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.domain.FocusTag;

/** What the campaign endpoints answer. */
public final class CampaignViews {

    private CampaignViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A 专项排查 campaign; figures are those of the branches the caller may see")
    public record CampaignView(UUID id, UUID orgId, String name, LocalDate startsOn, LocalDate endsOn,
            List<FocusTag> focusTags, Campaign.Status status, String openedBy, Instant openedAt,
            @Schema(description = "When the lagging branches are reminded (once)") Instant reminderDueAt,
            String closedBy, Instant closedAt, Campaign.CloseReason closeReason, Figures figures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Members in scope and accounted for (已排查), as of an instant: now for an open campaign, "
            + "the close for a closed one (stored, never recomputed)")
    public record Figures(Instant asOf, long inScope, long accounted, long notAccounted,
            @Schema(description = "accounted / inScope, 1 when nobody is in scope") double share) {

        static Figures of(Instant asOf, long inScope, long accounted) {
            double share = inScope == 0 ? 1.0 : Math.round(accounted * 10000.0 / inScope) / 10000.0;
            return new Figures(asOf, inScope, accounted, inScope - accounted, share);
        }
    }

    @Schema(description = "The campaign's progress per branch (accounted / in scope)")
    public record Progress(UUID campaignId, Campaign.Status status, Figures total, List<BranchProgress> branches) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BranchProgress(UUID orgId, String name, long inScope, long accounted, long notAccounted,
            double share) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A member in scope not yet accounted for, and why not")
    public record UnaccountedMember(UUID memberId, String name, UUID orgId, String branchName,
            @Schema(description = "ONLY_ATTEMPTS (只有未联系上的记录) or NO_CONTACT (窗口期内无联系记录)")
            Accounting reason, String reasonText,
            @Schema(description = "Latest REACHED contact (any time up to the figures' instant)") Instant lastReachedAt,
            @Schema(description = "Latest NOT_REACHED attempt") Instant lastAttemptAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Summary of a campaign in a list (figures only once closed)")
    public record CampaignSummary(UUID id, UUID orgId, String name, LocalDate startsOn, LocalDate endsOn,
            List<FocusTag> focusTags, Campaign.Status status, Instant openedAt, Instant closedAt) {
    }
}
