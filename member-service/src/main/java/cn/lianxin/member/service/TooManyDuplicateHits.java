package cn.lianxin.member.service;

import java.time.Duration;

/** 429: a caller found too many ID numbers already registered within the window. */
public class TooManyDuplicateHits extends RetryLater {

    public TooManyDuplicateHits(int max, Duration window, Duration retryAfter) {
        super(429, "Too Many Requests", "More than " + max + " ID numbers found already registered within " + window
                + "; try again later", retryAfter);
    }
}
