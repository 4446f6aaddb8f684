package cn.lianxin.tracking.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.lianxin.platform.validation.NotBlankAfterTrim;
import cn.lianxin.tracking.domain.FocusTag;

/** What the campaign API asks of {@link CampaignService}. */
public final class CampaignCommands {

    private CampaignCommands() {
    }

    /**
     * Opens a 专项排查 campaign. Without {@code startsOn} and {@code endsOn}: the current calendar quarter (Asia/Shanghai);
     * give both or neither.
     */
    public record OpenCampaign(
            @NotNull @Schema(description = "The org whose subtree is in scope: the caller's, or one under it") UUID orgId,
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = "\\S(.*\\S)?",
                    message = "must be 1 to 100 characters, not blank at either end") @NotBlankAfterTrim String name,
            @Schema(description = "First day (Asia/Shanghai); default: the first day of the current quarter") LocalDate startsOn,
            @Schema(description = "Last day, included; default: the last day of the current quarter") LocalDate endsOn,
            @Size(max = 6) @Schema(description = "Only members with one of these tags; empty or absent: every member")
            List<@NotNull FocusTag> focusTags) {
    }
}
