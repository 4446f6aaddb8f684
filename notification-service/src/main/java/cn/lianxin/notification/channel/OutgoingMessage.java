package cn.lianxin.notification.channel;

import java.util.List;
import java.util.UUID;

/**
 * A rendered message for one address on one channel; the notification id is the idempotency key for gateways.
 * Attachments (the 联心卡 PNG) only travel by e-mail.
 */
public record OutgoingMessage(UUID notificationId, String address, String templateKey, String subject, String body,
        List<Attachment> attachments) {

    public OutgoingMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public OutgoingMessage(UUID notificationId, String address, String templateKey, String subject, String body) {
        this(notificationId, address, templateKey, subject, body, List.of());
    }
}
