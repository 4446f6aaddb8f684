package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A 专项排查 campaign: an org's subtree, a window, optional focus tags (empty: every member), OPEN until its window
 * ends or an ORG_ADMIN closes it early; a closed campaign keeps the figures taken as of {@code figuresAsOf}.
 */
public record Campaign(UUID id, UUID orgId, String orgPath, String name, CampaignWindow window, List<FocusTag> focusTags,
        Status status, String openedBy, Instant openedAt, String closedBy, Instant closedAt, CloseReason closeReason,
        Instant figuresAsOf) {

    public enum Status {
        OPEN, CLOSED
    }

    /** Why a campaign closed: its window ended (the scan), or an ORG_ADMIN closed it before. */
    public enum CloseReason {
        WINDOW_ENDED, CLOSED_EARLY
    }

    /** Who closes a campaign whose window ended (recorded as closedBy). */
    public static final String SCAN = "tracking-service";

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    /** Whether the campaign covers an org at {@code orgPath}, or is inside the subtree at {@code orgPath}. */
    public boolean overlaps(String path) {
        return orgPath.startsWith(path) || path.startsWith(orgPath);
    }
}
