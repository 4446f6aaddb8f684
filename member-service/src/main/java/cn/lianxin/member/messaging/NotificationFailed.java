package cn.lianxin.member.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * member-service's view of notification-service's {@code NotificationFailed}: only what flags a failing contact
 * detail (the event that caused the notification, the recipient's role and member id, the channel, when, the error
 * code). The masked address is not kept.
 */
public record NotificationFailed(UUID notificationId, String sourceEventType, Recipient recipient, String channel,
        Instant failedAt, Error error) {

    public record Recipient(String role, UUID memberId) {
    }

    public record Error(String code) {
    }

    /** The registered member the notification was for, or null. */
    public UUID recipientMemberId() {
        return recipient == null ? null : recipient.memberId();
    }

    /** MEMBER, LIAISON …: whose address the notification went to; null when absent. */
    public String recipientRole() {
        return recipient == null ? null : recipient.role();
    }

    public String errorCode() {
        return error == null ? null : error.code();
    }
}
