package cn.lianxin.notification.channel;

import java.util.UUID;

/**
 * The JSON bodies sent to the HTTP gateways (documented in notification-service/README.md). {@code requestId}
 * is the notification id, so that a gateway can drop a duplicate after a retry whose response was lost.
 */
public final class GatewayRequests {

    /** POST {sms-gateway}/v1/sms/messages */
    public record SmsRequest(UUID requestId, String mobile, String signName, String templateKey, String content) {
    }

    /** POST {wechat-gateway}/v1/wechat/template-messages */
    public record WechatRequest(UUID requestId, String toUser, String templateKey, String title, String content,
            String sender) {
    }

    private GatewayRequests() {
    }
}
