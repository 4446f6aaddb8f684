package cn.lianxin.notification.domain;

public enum NotificationStatus {
    /** In the delivery schedule: due at next_attempt_at (possibly deferred by quiet hours or back-off). */
    PENDING,
    DELIVERED,
    /** Retries on this channel given up; a fallback channel, if any, is a notification of its own. */
    FAILED
}
