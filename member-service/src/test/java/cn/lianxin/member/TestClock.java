package cn.lianxin.member;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock of this module's tests: the system clock unless a test pins it ({@link #pin}); replaces platform's
 * default Clock bean. Pinning is for rules that look at registration time (M2); tests unpin when done.
 */
public class TestClock {

    private static volatile Instant pinned;

    public static void pin(Instant instant) {
        pinned = instant;
    }

    public static void unpin() {
        pinned = null;
    }

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                Instant now = pinned;
                return now != null ? now : Instant.now();
            }
        };
    }
}
