package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the notifications API shows; addresses only masked. */
public final class NotificationViews {

    private NotificationViews() {
    }

    public record RecipientView(String role, UUID orgId, UUID memberId, String name, String maskedAddress) {
    }

    public record ErrorView(String code, String message) {
    }

    public record AttemptView(int attempt, Instant attemptedAt, String outcome, String errorCode, String errorMessage) {
    }

    /**
     * One notification. A notification sent as a line of a digest is DIGESTED with {@code digestId} (the digest, itself
     * a notification with template {@code digest}) and {@code digestStatus}: PENDING, DELIVERED (on any channel) or
     * FAILED (on every channel). A HELD one waits for its digest window ({@code nextAttemptAt} absent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationView(UUID id, UUID sourceEventId, String sourceEventType, String templateKey,
            UUID memberId, UUID caseId, UUID orgId, RecipientView recipient, String channel, boolean fallback,
            String status, int attempts, Instant nextAttemptAt, boolean deferredByQuietHours, Instant createdAt,
            Instant deliveredAt, Instant failedAt, ErrorView lastError, UUID digestId, String digestStatus,
            List<AttemptView> deliveryAttempts) {

        NotificationView withAttempts(List<AttemptView> all) {
            return new NotificationView(id, sourceEventId, sourceEventType, templateKey, memberId, caseId, orgId,
                    recipient, channel, fallback, status, attempts, nextAttemptAt, deferredByQuietHours, createdAt,
                    deliveredAt, failedAt, lastError, digestId, digestStatus, all);
        }
    }
}
