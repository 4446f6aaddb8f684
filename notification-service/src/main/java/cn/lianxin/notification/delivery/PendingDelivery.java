package cn.lianxin.notification.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.RecipientRole;

/** A notification due for delivery, as the dispatcher reads it from the schedule. */
public record PendingDelivery(UUID id, UUID sourceEventId, String sourceEventType, String templateKey, UUID memberId,
        UUID caseId, UUID orgId, RecipientRole role, UUID recipientOrgId, UUID recipientMemberId, String recipientName,
        Channel channel, String address, String nextChannelList, boolean fallback, Map<String, Object> model,
        int attempts, int attemptsBeforeRetry, boolean deferredByQuietHours) {

    public List<Channel> nextChannels() {
        return nextChannelList == null || nextChannelList.isBlank() ? List.of()
                : Arrays.stream(nextChannelList.split(",")).map(Channel::valueOf).toList();
    }

    /** Attempts since the notification was (re)scheduled: a manual retry gets a fresh round. */
    public int attemptsThisRound() {
        return attempts - attemptsBeforeRetry;
    }
}
