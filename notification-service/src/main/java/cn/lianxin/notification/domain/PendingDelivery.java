package cn.lianxin.notification.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A notification due for delivery, as the dispatcher reads it from the schedule; {@code traceparent} is the span of the
 * consumed event that planned it, which its delivery continues (null for none).
 */
public record PendingDelivery(UUID id, UUID sourceEventId, String sourceEventType, String templateKey, UUID memberId,
        UUID caseId, UUID orgId, RecipientRole role, UUID recipientOrgId, UUID recipientMemberId, String recipientName,
        Channel channel, String address, String nextChannelList, boolean fallback, Map<String, Object> model,
        int attempts, int attemptsBeforeRetry, boolean deferredByQuietHours, String traceparent) {

    public List<Channel> nextChannels() {
        return nextChannelList == null || nextChannelList.isBlank() ? List.of()
                : Arrays.stream(nextChannelList.split(",")).map(Channel::valueOf).toList();
    }

    /** Attempts since the notification was (re)scheduled: a manual retry gets a fresh round. */
    public int attemptsThisRound() {
        return attempts - attemptsBeforeRetry;
    }
}
