package cn.lianxin.cases.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/** The system clock, unless a test pins it to an instant (replaces platform's default Clock bean in tests). */
@Singleton
public class TestClock extends Clock {

    private volatile Instant pinned;

    public void pin(Instant instant) {
        pinned = instant;
    }

    public void release() {
        pinned = null;
    }

    /** The pinned instant, or null when the clock follows the system clock. */
    public Instant pinned() {
        return pinned;
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
