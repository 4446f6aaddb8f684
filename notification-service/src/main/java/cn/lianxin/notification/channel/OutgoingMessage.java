package cn.lianxin.notification.channel;

import java.util.UUID;

/** A rendered message for one address on one channel; the notification id is the idempotency key for gateways. */
public record OutgoingMessage(UUID notificationId, String address, String templateKey, String subject, String body) {
}
