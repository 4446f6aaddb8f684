package cn.lianxin.notification.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.inject.Singleton;

import cn.lianxin.platform.time.ShanghaiCalendar;

/** The service's clock in tests: stands still until a test moves it (replaces the platform's default bean). */
@Singleton
public class TestClock extends Clock {

    private volatile Instant now = at("2027-03-01T10:00");

    /** A Shanghai local date-time, e.g. {@code 2027-03-01T23:00}. */
    public static Instant at(String shanghaiLocal) {
        return LocalDateTime.parse(shanghaiLocal).atZone(ShanghaiCalendar.ZONE).toInstant();
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}
