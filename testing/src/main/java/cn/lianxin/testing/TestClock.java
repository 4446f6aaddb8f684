package cn.lianxin.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * A service's clock in tests: the system clock until a test pins it ({@link #pin}), standing still while pinned
 * ({@link #advance} moves it), back to the system clock on {@link #release}. A service's tests put it in place of the
 * platform's clock with a producer of their own ({@code TestClockProducer}).
 */
public class TestClock extends Clock {

    private volatile Instant pinned;

    /** A Shanghai local date-time, e.g. {@code 2027-03-01T23:00}, as an instant. */
    public static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ShanghaiCalendar.ZONE).toInstant();
    }

    public void pin(Instant at) {
        pinned = at;
    }

    /** Moves a pinned clock forward; pins an unpinned one that far ahead of now. */
    public void advance(Duration duration) {
        pinned = instant().plus(duration);
    }

    public void release() {
        pinned = null;
    }

    /** The pinned instant, or null while the clock follows the system clock. */
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
        Instant at = pinned;
        return at != null ? Clock.fixed(at, zone) : Clock.system(zone);
    }
}
