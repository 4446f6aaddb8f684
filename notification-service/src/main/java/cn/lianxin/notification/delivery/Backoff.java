package cn.lianxin.notification.delivery;

import java.time.Duration;

/** Exponential back-off: after the n-th failed attempt wait initial × 2^(n-1), never more than max. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
