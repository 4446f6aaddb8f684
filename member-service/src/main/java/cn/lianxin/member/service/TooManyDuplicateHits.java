package cn.lianxin.member.service;

import java.time.Duration;
import java.util.List;

import cn.lianxin.platform.problem.ProblemException;

/** 429: a caller found too many ID numbers already registered within the window; answered with Retry-After. */
public class TooManyDuplicateHits extends ProblemException {

    private final Duration retryAfter;

    public TooManyDuplicateHits(int max, Duration window, Duration retryAfter) {
        super(429, "Too Many Requests", "More than " + max + " ID numbers found already registered within " + window
                + "; try again later", List.of());
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, until the caller's next hit would be within the limit again. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
