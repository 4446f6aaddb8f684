package cn.lianxin.notification.domain;

public enum NotificationStatus {
    /** Waiting for its digest window to close (docs/domain.md §5 digests); not in the delivery schedule yet. */
    HELD,
    /** In the delivery schedule: due at next_attempt_at (possibly deferred by quiet hours or back-off). */
    PENDING,
    DELIVERED,
    /** Retries on this channel given up; a fallback channel, if any, is a notification of its own. */
    FAILED,
    /** Sent as one line of a digest (digestId); the digest's own status tells whether it arrived. */
    DIGESTED
}
