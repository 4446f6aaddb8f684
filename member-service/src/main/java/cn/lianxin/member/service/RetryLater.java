package cn.lianxin.member.service;

import java.time.Duration;
import java.util.List;

import cn.lianxin.platform.problem.ProblemException;

/** A refusal that passes with time: answered with {@code Retry-After} (whole seconds) besides the problem. */
public abstract class RetryLater extends ProblemException {

    private final Duration retryAfter;

    protected RetryLater(int status, String title, String detail, Duration retryAfter) {
        super(status, title, detail, List.of());
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, until a new attempt may succeed. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
