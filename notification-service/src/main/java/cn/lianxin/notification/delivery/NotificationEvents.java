package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.notification.channel.DeliveryException;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.PendingDelivery;
import cn.lianxin.platform.outbox.Outbox;

/** NotificationDelivered / NotificationFailed, through the outbox in the delivery's transaction. */
@ApplicationScoped
public class NotificationEvents {

    public static final String DELIVERED = "lianxin.notification.NotificationDelivered.v1";
    public static final String FAILED = "lianxin.notification.NotificationFailed.v1";

    private final Outbox outbox;

    public NotificationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void delivered(PendingDelivery n, int attempts, Instant at) {
        Map<String, Object> payload = common(n, attempts);
        payload.put("deliveredAt", at.toString());
        payload.put("fallback", n.fallback());
        payload.put("deferredByQuietHours", n.deferredByQuietHours());
        outbox.append(DELIVERED, n.memberId() != null ? n.memberId() : n.orgId(), payload);
    }

    @Transactional(TxType.MANDATORY)
    public void failed(PendingDelivery n, int attempts, Instant at, DeliveryException error, Channel fallbackTo) {
        Map<String, Object> payload = common(n, attempts);
        payload.put("failedAt", at.toString());
        payload.put("error", Map.of("code", error.code().name(), "message", safeMessage(error.getMessage(), n.address())));
        if (fallbackTo != null) {
            payload.put("fallbackTo", fallbackTo.name());
        }
        outbox.append(FAILED, n.memberId() != null ? n.memberId() : n.orgId(), payload);
    }

    private static Map<String, Object> common(PendingDelivery n, int attempts) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("notificationId", n.id().toString());
        payload.put("sourceEventId", n.sourceEventId().toString());
        payload.put("sourceEventType", n.sourceEventType());
        if (n.memberId() != null) {
            payload.put("memberId", n.memberId().toString());
        }
        payload.put("orgId", n.orgId().toString());
        if (n.caseId() != null) {
            payload.put("caseId", n.caseId().toString());
        }
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("role", n.role().name());
        if (n.recipientOrgId() != null) {
            recipient.put("orgId", n.recipientOrgId().toString());
        }
        if (n.recipientMemberId() != null) {
            recipient.put("memberId", n.recipientMemberId().toString());
        }
        if (n.recipientName() != null && !n.recipientName().isBlank()) {
            recipient.put("name", n.recipientName());
        }
        String masked = Masking.mask(n.address());
        if (masked != null) {
            recipient.put("maskedAddress", masked);
        }
        payload.put("recipient", recipient);
        payload.put("channel", n.channel().name());
        payload.put("templateKey", n.templateKey());
        payload.put("attempts", attempts);
        return payload;
    }

    /** The contract's Text (1–500 characters), never carrying the address itself. */
    static String safeMessage(String message, String address) {
        String text = message == null || message.isBlank() ? "unknown error" : message;
        if (address != null && !address.isBlank()) {
            text = text.replace(address, Masking.mask(address));
        }
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
